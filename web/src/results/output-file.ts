import type { BrowserRunner } from '../runner/browser-runner';
import type { OutputFileFormat } from '../runner/runner-protocol';
import { type PreviewSource, ServerPreviews } from './server-previews';

const mediaTypes: Record<OutputFileFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  onnx: 'application/octet-stream',
};

/**
 * An output of the run on the canvas as a file. Browser outputs are written by the runner worker;
 * a server run's model is its stored ONNX file, and its tables are fetched page by page and written
 * by the same worker, so both give the same CSV and Parquet.
 */
export async function outputFile(
  source: PreviewSource,
  browser: BrowserRunner,
  output: { nodeId: string; portId: string; totalRows: number },
  format: OutputFileFormat,
): Promise<Blob> {
  const { nodeId, portId } = output;
  let bytes: Uint8Array;
  if (!(source instanceof ServerPreviews)) bytes = await browser.download(nodeId, portId, format);
  else if (format === 'onnx') return source.modelFile(nodeId, portId);
  else bytes = await browser.writeTable(await source.tablePages(nodeId, portId, output.totalRows), format);
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaTypes[format] });
}
