import type { ErrorCode } from '../errors/catalog';
import type { Issue } from '../errors/issue';
import type { LogLevel } from '../node/context';
import type { OutputSummary } from '../ports/port';

/**
 * Final state of a run. `invalid` means the graph failed validation and nothing ran.
 *
 * @example
 * if (status === 'failed') process.exitCode = 1;
 */
export type RunStatus = 'succeeded' | 'failed' | 'cancelled' | 'invalid';

/**
 * The user-safe part of an error, as events carry it.
 *
 * @example
 * const error: EventError = { code: 'NODE_FAILED', message: 'Node "split" failed: test must be < 1' };
 */
export interface EventError {
  code: ErrorCode;
  message: string;
}

/**
 * What the engine reports while it runs, in order for each node:
 * `node:start` → (`node:progress` | `node:log`)* → `node:done` | `node:error`;
 * nodes that cannot run because an upstream node failed get `node:skipped`.
 * Every event is plain JSON, so hosts can persist and stream it as it is.
 *
 * @example
 * for await (const event of events) if (event.type === 'node:finish') console.log(event.nodeId);
 */
export type RunEvent =
  | { type: 'run:start'; runId: number; at: number; nodes: string[] }
  | { type: 'node:start'; runId: number; nodeId: string; at: number }
  | { type: 'node:progress'; runId: number; nodeId: string; fraction: number }
  | { type: 'node:log'; runId: number; nodeId: string; level: LogLevel; message: string; at: number }
  | {
      type: 'node:done';
      runId: number;
      nodeId: string;
      at: number;
      durationMs: number;
      cached: boolean;
      outputs: Record<string, OutputSummary>;
    }
  | { type: 'node:error'; runId: number; nodeId: string; at: number; durationMs: number; error: EventError }
  | { type: 'node:skipped'; runId: number; nodeId: string; at: number; reason: string }
  | { type: 'run:done'; runId: number; at: number; status: RunStatus; durationMs: number; issues?: Issue[] };

/**
 * The name of each event type.
 *
 * @example
 * const shown: RunEventType[] = ['run:start', 'node:start', 'run:finish'];
 */
export type RunEventType = RunEvent['type'];
