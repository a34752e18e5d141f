import type { ModelCard, OutputSummary } from '@causeway/sdk';
import { type ApiClient, readError } from './api-client';

export const runStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled', 'invalid'] as const;
export type ServerRunStatus = (typeof runStatuses)[number];

/** A run on the server (`GET /api/runs/{id}` without its nodes). */
export interface ServerRun {
  id: number;
  graphId: string;
  version: number;
  status: ServerRunStatus;
  attempts: number;
  maxAttempts: number;
  retryOf: number | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  cancelRequested: boolean;
  error: unknown;
}

/** One node of a server run. Table outputs also carry the artifact their rows are stored in. */
export interface ServerNodeRun {
  nodeId: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  cached: boolean;
  error: unknown;
  outputs: Record<string, OutputSummary & { artifact?: string }>;
  logs: Array<{ level: string; message: string; at: number }>;
}

const arrowType = 'application/vnd.apache.arrow.stream';

const outputPath = (id: number, node: string, port: string) =>
  `/api/runs/${id}/outputs/${encodeURIComponent(node)}/${encodeURIComponent(port)}`;

/** The runs routes of the server. */
export const runsApi = {
  start: (api: ApiClient, graphId: string, version?: number) =>
    api.request<ServerRun>('POST', '/api/runs', { graphId, ...(version === undefined ? {} : { version }) }),
  list: (api: ApiClient, query: { graphId?: string; status?: ServerRunStatus; limit?: number; offset?: number }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    return api.request<{ items: ServerRun[]; total: number }>('GET', `/api/runs?${params}`);
  },
  get: (api: ApiClient, id: number) => api.request<ServerRun & { nodes: ServerNodeRun[] }>('GET', `/api/runs/${id}`),
  cancel: (api: ApiClient, id: number) => api.request<ServerRun>('POST', `/api/runs/${id}/cancel`),
  retry: (api: ApiClient, id: number) => api.request<ServerRun>('POST', `/api/runs/${id}/retry`),
  /** Rows `[offset, offset + limit)` of a stored table output, as Arrow IPC. */
  async outputPage(api: ApiClient, id: number, node: string, port: string, offset: number, limit: number): Promise<Uint8Array> {
    const path = `${outputPath(id, node, port)}?offset=${offset}&limit=${limit}`;
    const response = await api.fetchRaw(path, { headers: { accept: arrowType } });
    if (!response.ok) throw await readError(response);
    return new Uint8Array(await response.arrayBuffer());
  },
  /** A stored metrics, chart, report or value output: its JSON (the server answers it beside its kind). */
  outputJson: async (api: ApiClient, id: number, node: string, port: string) =>
    (await api.request<{ kind: string; value: unknown }>('GET', outputPath(id, node, port))).value,
  /** The card of a stored model output. */
  modelCard: async (api: ApiClient, id: number, node: string, port: string) =>
    (await api.request<{ kind: 'model'; card: ModelCard }>('GET', `${outputPath(id, node, port)}?card=1`)).card,
  /** The ONNX file of a stored model output. */
  async modelFile(api: ApiClient, id: number, node: string, port: string): Promise<Blob> {
    const response = await api.fetchRaw(outputPath(id, node, port), { headers: { accept: 'application/octet-stream' } });
    if (!response.ok) throw await readError(response);
    return response.blob();
  },
};
