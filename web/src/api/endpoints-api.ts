import type { ApiClient } from './api-client';

/** A model endpoint (`GET /api/endpoints`). */
export interface Endpoint {
  name: string;
  model: string;
  description: string;
  activeVersion: number | null;
  canary: { version: number; percent: number } | null;
  shadowVersion: number | null;
  sampleRate: number;
  retentionDays: number;
  revision: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** An endpoint with its model card, an input example and live figures. */
export interface EndpointDetail extends Endpoint {
  card: unknown;
  inputExample: Record<string, unknown> | null;
  live: unknown;
  totals: { requests: number; errors: number; rows: number };
}

/** One change of an endpoint: promote, rollback, canary, shadow, sampling. */
export interface EndpointChange {
  id: number;
  kind: string;
  fromVersion: number | null;
  toVersion: number | null;
  override: boolean;
  reason: string;
  details: Record<string, unknown>;
  actor: string;
  at: string;
}

const path = (name: string) => `/api/endpoints/${encodeURIComponent(name)}`;

export const endpointsApi = {
  list: (api: ApiClient) => api.request<{ items: Endpoint[] }>('GET', '/api/endpoints'),
  get: (api: ApiClient, name: string) => api.request<EndpointDetail>('GET', path(name)),
  history: (api: ApiClient, name: string) => api.request<{ items: EndpointChange[] }>('GET', `${path(name)}/history?limit=20`),
  promote: (api: ApiClient, name: string, body: { version: number; override?: boolean; reason?: string }) =>
    api.request<Endpoint>('POST', `${path(name)}/promote`, body),
  rollback: (api: ApiClient, name: string, body: { version?: number; reason?: string }) =>
    api.request<Endpoint>('POST', `${path(name)}/rollback`, body),
  canary: (api: ApiClient, name: string, body: { version: number | null; percent?: number; override?: boolean; reason?: string }) =>
    api.request<Endpoint>('POST', `${path(name)}/canary`, body),
};
