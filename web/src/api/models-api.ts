import {
  type decidePromotionBody,
  modelComparison,
  modelList,
  modelPromotionList,
  modelPromotionSchema,
  modelWithVersions,
  type setStageBody,
  stageChange,
} from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { ModelComparison, ModelPromotion, ModelSummary, ModelVersionInfo, ModelWithVersions } from '@causeway/contract';
export { modelStages } from '@causeway/contract';

const path = (name: string) => `/api/models/${encodeURIComponent(name)}`;

/** The model registry routes of the server. */
export const modelsApi = {
  list: (api: ApiClient) => api.request('GET', '/api/models', modelList),
  get: (api: ApiClient, name: string) => api.request('GET', path(name), modelWithVersions),
  compare: (api: ApiClient, name: string, a: number, b: number) =>
    api.request('GET', `${path(name)}/compare?a=${a}&b=${b}`, modelComparison),
  setStage: (api: ApiClient, name: string, version: number, body: z.input<typeof setStageBody>) =>
    api.request('POST', `${path(name)}/versions/${version}/stage`, stageChange, body),
  /** Promotions retraining runs asked for that wait for an ops approval. */
  awaiting: (api: ApiClient) => api.request('GET', '/api/models/promotions?awaiting=true', modelPromotionList),
  decide: (api: ApiClient, name: string, version: number, decision: 'approve' | 'reject', body: z.input<typeof decidePromotionBody>) =>
    api.request('POST', `${path(name)}/versions/${version}/${decision}`, modelPromotionSchema, body),
};
