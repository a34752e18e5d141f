import type { GraphVersionInfo, ServerRun as Run } from '@causeway/contract';

const at = '2026-01-01T00:00:00.000Z';

/** A run as `GET /api/runs/{id}` answers it, with the given fields over a finished, plain run. */
export function runAnswer(fields: Partial<Run> & Pick<Run, 'id'>): Run {
  return {
    graphId: 'g',
    version: 1,
    status: 'succeeded',
    attempts: 1,
    maxAttempts: 1,
    retryOf: null,
    createdBy: 'ada',
    owner: 'ada',
    createdAt: at,
    startedAt: at,
    finishedAt: at,
    durationMs: 1,
    cancelRequested: false,
    error: null,
    plugins: [],
    ...fields,
  };
}

/** A saved graph version as `POST /api/graphs/{id}/versions` answers it. */
export function savedVersionAnswer(fields: Pick<GraphVersionInfo, 'graphId' | 'version'>) {
  return { author: 'ada', message: '', createdAt: at, issues: [], unchanged: false, ...fields };
}

/** A stored graph version with its document, as `GET /api/graphs/{id}/versions/{v}` answers it. */
export function versionAnswer(fields: Pick<GraphVersionInfo, 'graphId' | 'version'> & { graph: unknown }) {
  return { author: 'ada', message: '', createdAt: at, ...fields };
}
