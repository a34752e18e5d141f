import type { ApiClient } from './api-client';

/** A schedule (`GET /api/schedules/{id}`), with its next fire times when read one by one. */
export interface Schedule {
  id: number;
  name: string;
  graphId: string;
  version: number | 'latest';
  cron: string;
  timezone: string;
  overlap: 'skip' | 'queue';
  catchUp: { policy: 'skip' | 'once' | 'all'; limit: number };
  retries: { max: number; baseMs: number; maxMs: number };
  alert: { origin: string } | null;
  paused: boolean;
  nextFireAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  nextFireTimes?: Array<{ at: string; local: string }>;
}

/** One occurrence of a schedule, with the runs it started. */
export interface ScheduleOccurrence {
  fireAt: string;
  status: 'waiting' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';
  reason: string | null;
  attempts: number;
  retryAt: string | null;
  firedBy: string;
  finishedAt: string | null;
  error: unknown;
  alert: { status: string; attempts: number; error: string | null } | null;
  runs: Array<{ id: number; attempt: number; status: string; graphVersion: number }>;
}

/** What a new schedule needs; the server fills in the rest. */
export interface NewSchedule {
  name: string;
  graphId: string;
  cron: string;
  timezone?: string;
  overlap?: 'skip' | 'queue';
}

export const schedulesApi = {
  list: (api: ApiClient) => api.request<{ items: Schedule[]; total: number }>('GET', '/api/schedules?limit=200'),
  get: (api: ApiClient, id: number) => api.request<Schedule>('GET', `/api/schedules/${id}`),
  create: (api: ApiClient, body: NewSchedule) => api.request<Schedule>('POST', '/api/schedules', body),
  pause: (api: ApiClient, id: number) => api.request<Schedule>('POST', `/api/schedules/${id}/pause`),
  resume: (api: ApiClient, id: number) => api.request<Schedule>('POST', `/api/schedules/${id}/resume`),
  remove: (api: ApiClient, id: number) => api.request<void>('DELETE', `/api/schedules/${id}`),
  history: (api: ApiClient, id: number) =>
    api.request<{ items: ScheduleOccurrence[]; total: number }>('GET', `/api/schedules/${id}/history?limit=20`),
};
