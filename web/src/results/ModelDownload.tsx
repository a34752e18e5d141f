import { modelFileName } from './server-output';
import { useDownload } from './use-download';

/**
 * Saves a model output's ONNX file, its card inside. A server model is fetched with the bearer token
 * on click (a plain link could not send it); a browser model comes from the runner worker.
 */
export function ModelDownload({ nodeId, portId, load }: { nodeId: string; portId: string; load: () => Promise<Blob> }) {
  const { busy, error, download } = useDownload();
  return (
    <p className="model-download">
      <button type="button" onClick={() => download(modelFileName(nodeId, portId), load)} disabled={busy}>
        {busy ? 'Downloading…' : 'Download ONNX'}
      </button>
      {error && <span className="field-issues"> The model file cannot be downloaded: {error}</span>}
    </p>
  );
}
