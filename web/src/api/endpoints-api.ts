import type {
  canaryBody,
  createEndpointBody,
  Endpoint,
  EndpointChange,
  EndpointDetail,
  PredictAnswer,
  PredictBody,
  promoteBody,
  rollbackBody,
} from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { Endpoint, EndpointChange, EndpointDetail, EndpointLive, PredictAnswer } from '@causeway/contract';

const path = (name: string) => `/api/endpoints/${encodeURIComponent(name)}`;

export const endpointsApi = {
  create: (api: ApiClient, body: z.input<typeof createEndpointBody>) => api.request<Endpoint>('POST', '/api/endpoints', body),
  predict: (api: ApiClient, name: string, body: PredictBody) => api.request<PredictAnswer>('POST', `${path(name)}/predict`, body),
  remove: (api: ApiClient, name: string) => api.request<void>('DELETE', path(name)),
  list: (api: ApiClient) => api.request<{ items: Endpoint[] }>('GET', '/api/endpoints'),
  get: (api: ApiClient, name: string) => api.request<EndpointDetail>('GET', path(name)),
  history: (api: ApiClient, name: string) => api.request<{ items: EndpointChange[] }>('GET', `${path(name)}/history?limit=20`),
  promote: (api: ApiClient, name: string, body: z.input<typeof promoteBody>) =>
    api.request<Endpoint>('POST', `${path(name)}/promote`, body),
  rollback: (api: ApiClient, name: string, body: z.input<typeof rollbackBody>) =>
    api.request<Endpoint>('POST', `${path(name)}/rollback`, body),
  canary: (api: ApiClient, name: string, body: z.input<typeof canaryBody>) => api.request<Endpoint>('POST', `${path(name)}/canary`, body),
};
