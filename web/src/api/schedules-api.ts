import {
  type createScheduleBody,
  type patchScheduleBody,
  type Schedule,
  scheduleHistoryPage,
  schedulePage,
  scheduleWithFireTimes,
} from '@causeway/contract';
import type { z } from 'zod';
import type { ApiClient } from './api-client';

export type { Schedule, ScheduleOccurrence, ScheduleWithFireTimes } from '@causeway/contract';

/** What a new schedule needs; the server fills in the rest. */
export type NewSchedule = z.input<typeof createScheduleBody>;

export const schedulesApi = {
  list: (api: ApiClient) => api.request('GET', '/api/schedules?limit=200', schedulePage),
  get: (api: ApiClient, id: number) => api.request('GET', `/api/schedules/${id}`, scheduleWithFireTimes),
  create: (api: ApiClient, body: NewSchedule) => api.request('POST', '/api/schedules', scheduleWithFireTimes, body),
  update: (api: ApiClient, id: number, body: z.input<typeof patchScheduleBody>) =>
    api.request('PATCH', `/api/schedules/${id}`, scheduleWithFireTimes, body),
  pause: (api: ApiClient, id: number) => api.request('POST', `/api/schedules/${id}/pause`, scheduleWithFireTimes),
  resume: (api: ApiClient, id: number) => api.request('POST', `/api/schedules/${id}/resume`, scheduleWithFireTimes),
  remove: (api: ApiClient, id: number) => api.send('DELETE', `/api/schedules/${id}`),
  history: (api: ApiClient, id: number) => api.request('GET', `/api/schedules/${id}/history?limit=20`, scheduleHistoryPage),
};

/** Where a schedule's failure alert goes, as the schedules page shows it: a webhook's origin or the secret holding it. */
export function alertTarget(alert: Schedule['alert']): string {
  if (alert === null) return 'none';
  return 'origin' in alert ? alert.origin : `secret ${alert.secret}`;
}
