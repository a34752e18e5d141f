import type { ErrorCode, EventError, RunEvent, RunStatus } from '@causeway/sdk';

/** Why a run did not succeed: the first failed node's error, or why the graph was refused. */
export interface RunError {
  code: ErrorCode;
  message: string;
  nodeId?: string;
}

/** What the pool sends to a run thread. */
export type ToThread =
  | { type: 'run'; runId: string; graphKey: string; graph: string }
  | { type: 'cancel'; runId: string }
  /** The answer to a `host-call`: its value, or why it failed. Byte arrays in `value` are transferred. */
  | { type: 'host-reply'; requestId: number; value?: unknown; error?: EventError };

/** A table output serialized as Arrow IPC, its buffer transferred, not copied. */
export interface TableOutput {
  nodeId: string;
  port: string;
  ipc: Uint8Array;
}

/** What a run thread sends back. */
export type FromThread =
  | { type: 'ready' }
  | { type: 'event'; event: RunEvent }
  /** Calls `service.method(...args)` on the main side for run `runId` (see host-calls.ts). */
  | { type: 'host-call'; requestId: number; runId: string; nodeKey?: string; service: string; method: string; args: unknown[] }
  | { type: 'done'; runId: string; status: RunStatus; durationMs: number; tables: TableOutput[]; error?: RunError };

/** What a run thread is started with. */
export interface ThreadData {
  /** Module with `createRegistry()`; absent → the built-in nodes. */
  registryModule: string | undefined;
  /** Folder that `ctx.files` reads from. */
  filesDir: string;
}
