import {
  type canaryBody,
  type createEndpointBody,
  endpointDetail,
  endpointHistory,
  endpointList,
  endpointSchema,
  type PredictBody,
  predictAnswer,
  type promoteBody,
  type rollbackBody,
} from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { Endpoint, EndpointChange, EndpointDetail, EndpointLive, PredictAnswer } from '@causeway/contract';

const path = (name: string) => `/api/endpoints/${encodeURIComponent(name)}`;

export const endpointsApi = {
  create: (api: ApiClient, body: z.input<typeof createEndpointBody>) => api.request('POST', '/api/endpoints', endpointSchema, body),
  predict: (api: ApiClient, name: string, body: PredictBody) => api.request('POST', `${path(name)}/predict`, predictAnswer, body),
  remove: (api: ApiClient, name: string) => api.send('DELETE', path(name)),
  list: (api: ApiClient) => api.request('GET', '/api/endpoints', endpointList),
  get: (api: ApiClient, name: string) => api.request('GET', path(name), endpointDetail),
  history: (api: ApiClient, name: string) => api.request('GET', `${path(name)}/history?limit=20`, endpointHistory),
  promote: (api: ApiClient, name: string, body: z.input<typeof promoteBody>) =>
    api.request('POST', `${path(name)}/promote`, endpointSchema, body),
  rollback: (api: ApiClient, name: string, body: z.input<typeof rollbackBody>) =>
    api.request('POST', `${path(name)}/rollback`, endpointSchema, body),
  canary: (api: ApiClient, name: string, body: z.input<typeof canaryBody>) =>
    api.request('POST', `${path(name)}/canary`, endpointSchema, body),
};
