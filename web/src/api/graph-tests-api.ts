import { graphVersionTests, type saveGraphTestsBody } from '@causeway/contract';
import type { GraphTests } from '@causeway/sdk';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

const path = (graphId: string, version: number) => `/api/graphs/${encodeURIComponent(graphId)}/versions/${version}/tests`;

/** The tests saved beside a graph version on the server, and their runs there. */
export const graphTestsApi = {
  get: (api: ApiClient, graphId: string, version: number) => api.request('GET', path(graphId, version), graphVersionTests),
  save: (api: ApiClient, graphId: string, version: number, tests: GraphTests) => {
    const body: z.input<typeof saveGraphTestsBody> = { tests: tests as unknown as Record<string, unknown> };
    return api.request('PUT', path(graphId, version), graphVersionTests, body);
  },
  run: (api: ApiClient, graphId: string, version: number) => api.request('POST', `${path(graphId, version)}/run`, graphVersionTests),
};
