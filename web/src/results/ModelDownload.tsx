import { useState } from 'react';
import { modelFileName } from './server-output';

/**
 * Saves a model output's ONNX file. The file is fetched with the bearer token on click (a plain link
 * could not send it), then handed to the browser as a download.
 */
export function ModelDownload({ nodeId, portId, load }: { nodeId: string; portId: string; load: () => Promise<Blob> }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const download = async () => {
    setState({ busy: true });
    try {
      const url = URL.createObjectURL(await load());
      const link = document.createElement('a');
      link.href = url;
      link.download = modelFileName(nodeId, portId);
      link.click();
      // The download has taken the blob by the next task; the URL is not needed after.
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <p className="model-download">
      <button type="button" onClick={download} disabled={state.busy}>
        {state.busy ? 'Downloading…' : 'Download ONNX'}
      </button>
      {state.error && <span className="field-issues"> The model file cannot be downloaded: {state.error}</span>}
    </p>
  );
}
