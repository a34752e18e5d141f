import type { RunPlugin } from '@causeway/contract';
import type { NodeRunRow, RunRow } from '../db/database';

/** A run as the API shows it. */
export interface RunInfo {
  id: number;
  graphId: string;
  version: number;
  status: string;
  attempts: number;
  maxAttempts: number;
  retryOf: number | null;
  createdBy: string;
  /** Whose run it is: its starter, or the maker of its schedule. */
  owner: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  cancelRequested: boolean;
  error: unknown;
  /** The plugin versions and bundle hashes the run used (empty when it used none). */
  plugins: RunPlugin[];
}

/** One node of a run: status, timings, cache hit, error, output summaries (with artifact hashes). */
export interface NodeRunInfo {
  nodeId: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  cached: boolean;
  error: unknown;
  outputs: Record<string, unknown>;
}

/** The statuses a run ends in. */
export const finishedStatuses = ['succeeded', 'failed', 'cancelled', 'invalid'] as const;

const iso = (value: Date | null): string | null => (value === null ? null : new Date(value).toISOString());

export function runInfoOf(row: RunRow): RunInfo {
  return {
    id: Number(row.id),
    graphId: row.graph_id,
    version: row.graph_version,
    status: row.status,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    retryOf: row.retry_of === null ? null : Number(row.retry_of),
    createdBy: row.created_by,
    owner: row.owner ?? row.created_by,
    createdAt: iso(row.created_at) ?? '',
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    durationMs: row.duration_ms,
    cancelRequested: row.cancel_requested,
    error: row.error ?? null,
    plugins: (row.plugins ?? []) as RunPlugin[],
  };
}

export function nodeRunInfoOf(row: NodeRunRow): NodeRunInfo {
  return {
    nodeId: row.node_id,
    status: row.status,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    durationMs: row.duration_ms,
    cached: row.cached,
    error: row.error ?? null,
    outputs: (row.outputs ?? {}) as Record<string, unknown>,
  };
}
