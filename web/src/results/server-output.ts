import type { OutputSummary } from '@causeway/sdk';
import { type ApiClient, ApiError } from '../api/api-client';
import { runsApi } from '../api/runs-api';
import type { PortPreview } from '../runner/runner-protocol';

/** Where one output of a server run is: the run, the node and the port. */
export interface ServerOutputRef {
  runId: number;
  nodeId: string;
  portId: string;
}

/**
 * Output `ref` of a server run as the results panel shows it, fetched by the kind its summary names:
 * a table page as Arrow IPC, a model's card, or the JSON of metrics, charts, reports and values.
 * An output the server does not have (never kept, or removed by retention) is `missing` with the
 * server's reason; other failures are thrown.
 */
export async function fetchServerOutput(
  api: ApiClient,
  ref: ServerOutputRef,
  summary: OutputSummary,
  offset: number,
  limit: number,
): Promise<PortPreview> {
  const { runId, nodeId, portId } = ref;
  try {
    switch (summary.kind) {
      case 'table': {
        const ipc = await runsApi.outputPage(api, runId, nodeId, portId, offset, Math.max(1, limit));
        return { kind: 'table', totalRows: summary.rows, offset, schema: summary.schema, ipc };
      }
      case 'model':
        return { kind: 'model', card: await runsApi.modelCard(api, runId, nodeId, portId), bytes: summary.bytes };
      case 'metrics':
      case 'report':
      case 'chart':
      case 'value':
        return { kind: summary.kind, value: await runsApi.outputJson(api, runId, nodeId, portId) };
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: 'missing', message: error.message };
    throw error;
  }
}

/** The file name an output downloads as, like the server's own (`node.port.onnx`). */
export function outputFileName(nodeId: string, portId: string, extension: string): string {
  const part = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  return `${part(nodeId)}.${part(portId)}.${extension}`;
}

/** The file name a model output downloads as, like the server's own. */
export function modelFileName(nodeId: string, portId: string): string {
  return outputFileName(nodeId, portId, 'onnx');
}
