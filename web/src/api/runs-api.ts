import { jsonOutput, modelCardOutput, type RunStatus, runPage, runSchema, runWithNodes, type startRunBody } from '@causeway/contract';
import type { ModelCard } from '@causeway/sdk';
import type { z } from 'zod';
import { type ApiClient, readError } from './api-client';

export type { RunStatus as ServerRunStatus, ServerNodeRun, ServerRun } from '@causeway/contract';
export { runStatuses } from '@causeway/contract';

const arrowType = 'application/vnd.apache.arrow.stream';

const outputPath = (id: number, node: string, port: string) =>
  `/api/runs/${id}/outputs/${encodeURIComponent(node)}/${encodeURIComponent(port)}`;

/** The runs routes of the server. */
export const runsApi = {
  start: (api: ApiClient, graphId: string, version?: number) => {
    const body: z.input<typeof startRunBody> = { graphId, ...(version === undefined ? {} : { version }) };
    return api.request('POST', '/api/runs', runSchema, body);
  },
  list: (api: ApiClient, query: { graphId?: string; status?: RunStatus; limit?: number; offset?: number }) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    return api.request('GET', `/api/runs?${params}`, runPage);
  },
  get: (api: ApiClient, id: number) => api.request('GET', `/api/runs/${id}`, runWithNodes),
  cancel: (api: ApiClient, id: number) => api.request('POST', `/api/runs/${id}/cancel`, runSchema),
  retry: (api: ApiClient, id: number) => api.request('POST', `/api/runs/${id}/retry`, runSchema),
  /** Rows `[offset, offset + limit)` of a stored table output, as Arrow IPC. */
  async outputPage(api: ApiClient, id: number, node: string, port: string, offset: number, limit: number): Promise<Uint8Array> {
    const path = `${outputPath(id, node, port)}?offset=${offset}&limit=${limit}`;
    const response = await api.fetchRaw(path, { headers: { accept: arrowType } });
    if (!response.ok) throw await readError(response);
    return new Uint8Array(await response.arrayBuffer());
  },
  /** A stored metrics, chart, report or value output: its JSON (the server answers it beside its kind). */
  outputJson: async (api: ApiClient, id: number, node: string, port: string) =>
    (await api.request('GET', outputPath(id, node, port), jsonOutput)).value,
  /** The card of a stored model output (the contract publishes the card's main fields; the SDK's `ModelCard` is all of it). */
  modelCard: async (api: ApiClient, id: number, node: string, port: string) =>
    (await api.request('GET', `${outputPath(id, node, port)}?card=1`, modelCardOutput)).card as ModelCard,
  /** The ONNX file of a stored model output. */
  async modelFile(api: ApiClient, id: number, node: string, port: string): Promise<Blob> {
    const response = await api.fetchRaw(outputPath(id, node, port), { headers: { accept: 'application/octet-stream' } });
    if (!response.ok) throw await readError(response);
    return response.blob();
  },
};
