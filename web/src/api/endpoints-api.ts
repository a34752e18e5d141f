import type { canaryBody, Endpoint, EndpointChange, EndpointDetail, promoteBody, rollbackBody } from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { Endpoint, EndpointChange, EndpointDetail } from '@causeway/contract';

const path = (name: string) => `/api/endpoints/${encodeURIComponent(name)}`;

export const endpointsApi = {
  list: (api: ApiClient) => api.request<{ items: Endpoint[] }>('GET', '/api/endpoints'),
  get: (api: ApiClient, name: string) => api.request<EndpointDetail>('GET', path(name)),
  history: (api: ApiClient, name: string) => api.request<{ items: EndpointChange[] }>('GET', `${path(name)}/history?limit=20`),
  promote: (api: ApiClient, name: string, body: z.input<typeof promoteBody>) =>
    api.request<Endpoint>('POST', `${path(name)}/promote`, body),
  rollback: (api: ApiClient, name: string, body: z.input<typeof rollbackBody>) =>
    api.request<Endpoint>('POST', `${path(name)}/rollback`, body),
  canary: (api: ApiClient, name: string, body: z.input<typeof canaryBody>) => api.request<Endpoint>('POST', `${path(name)}/canary`, body),
};
