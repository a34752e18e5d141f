import type { ModelComparison, ModelSummary, ModelWithVersions, setStageBody, stageChange } from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { ModelComparison, ModelSummary, ModelVersionInfo, ModelWithVersions } from '@causeway/contract';
export { modelStages } from '@causeway/contract';

const path = (name: string) => `/api/models/${encodeURIComponent(name)}`;

/** The model registry routes of the server. */
export const modelsApi = {
  list: (api: ApiClient) => api.request<{ items: ModelSummary[] }>('GET', '/api/models'),
  get: (api: ApiClient, name: string) => api.request<ModelWithVersions>('GET', path(name)),
  compare: (api: ApiClient, name: string, a: number, b: number) =>
    api.request<ModelComparison>('GET', `${path(name)}/compare?a=${a}&b=${b}`),
  setStage: (api: ApiClient, name: string, version: number, body: z.input<typeof setStageBody>) =>
    api.request<z.infer<typeof stageChange>>('POST', `${path(name)}/versions/${version}/stage`, body),
};
