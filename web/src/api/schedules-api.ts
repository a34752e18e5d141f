import type {
  createScheduleBody,
  patchScheduleBody,
  Schedule,
  ScheduleWithFireTimes,
  scheduleHistoryPage,
  schedulePage,
} from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { Schedule, ScheduleOccurrence, ScheduleWithFireTimes } from '@causeway/contract';

/** What a new schedule needs; the server fills in the rest. */
export type NewSchedule = z.input<typeof createScheduleBody>;

export const schedulesApi = {
  list: (api: ApiClient) => api.request<z.infer<typeof schedulePage>>('GET', '/api/schedules?limit=200'),
  get: (api: ApiClient, id: number) => api.request<ScheduleWithFireTimes>('GET', `/api/schedules/${id}`),
  create: (api: ApiClient, body: NewSchedule) => api.request<ScheduleWithFireTimes>('POST', '/api/schedules', body),
  update: (api: ApiClient, id: number, body: z.input<typeof patchScheduleBody>) =>
    api.request<ScheduleWithFireTimes>('PATCH', `/api/schedules/${id}`, body),
  pause: (api: ApiClient, id: number) => api.request<ScheduleWithFireTimes>('POST', `/api/schedules/${id}/pause`),
  resume: (api: ApiClient, id: number) => api.request<ScheduleWithFireTimes>('POST', `/api/schedules/${id}/resume`),
  remove: (api: ApiClient, id: number) => api.request<void>('DELETE', `/api/schedules/${id}`),
  history: (api: ApiClient, id: number) => api.request<z.infer<typeof scheduleHistoryPage>>('GET', `/api/schedules/${id}/history?limit=20`),
};

/** Where a schedule's failure alert goes, as the schedules page shows it: a webhook's origin or the secret holding it. */
export function alertTarget(alert: Schedule['alert']): string {
  if (alert === null) return 'none';
  return 'origin' in alert ? alert.origin : `secret ${alert.secret}`;
}
