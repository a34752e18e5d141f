import type { ErrorCode, EventError, InputLimits, PortKind, RunEvent, RunStatus } from '@causeway/sdk';
import type { StoredCase } from '../graph-tests/graph-tests-repository';

/** Why a run did not succeed: the first failed node's error, or why the graph was refused. */
export interface RunError {
  code: ErrorCode;
  message: string;
  nodeId?: string;
}

/** What the pool sends to a run thread. */
export type ToThread =
  | { type: 'run'; runId: number; graphKey: string; graph: string; firstRun?: number }
  | { type: 'cancel'; runId: number }
  /** Runs a graph version's tests (causeway.tests/1 text) beside the runs; answered by `tests-done`. */
  | { type: 'tests'; requestId: number; graph: string; tests: string }
  | { type: 'cancel-tests'; requestId: number }
  /** The answer to a `host-call`: its value, or why it failed. Byte arrays in `value` are transferred. */
  | { type: 'host-reply'; requestId: number; value?: unknown; error?: EventError };

/**
 * One output of a finished run, serialized by its port kind (buffers transferred, not copied):
 * tables as Arrow IPC, models as ONNX bytes with their card as JSON, other kinds as JSON text;
 * or, when it cannot be kept (not JSON-able, over the size limit), a note saying why.
 */
export interface RunOutput {
  nodeId: string;
  port: string;
  kind: PortKind;
  format?: 'arrow' | 'onnx' | 'json';
  bytes?: Uint8Array;
  /** A model's card, as JSON text. */
  card?: Uint8Array;
  note?: string;
}

/** What a run thread sends back. */
export type FromThread =
  | { type: 'ready' }
  | { type: 'event'; event: RunEvent }
  /** Calls `service.method(...args)` on the main side for run `runId` (see host-calls.ts). */
  | { type: 'host-call'; requestId: number; runId: number; nodeKey?: string; service: string; method: string; args: unknown[] }
  | { type: 'done'; runId: number; status: RunStatus; durationMs: number; outputs: RunOutput[]; error?: RunError }
  /** The verdict per case of a `tests` request, or why the tests could not run. */
  | { type: 'tests-done'; requestId: number; cases?: StoredCase[]; error?: RunError }
  /** The thread is dying of an uncaught error raised by run `runId`'s code (absent: no run's). */
  | { type: 'fatal'; runId?: number; message: string };

/** What a run thread is started with. */
export interface ThreadData {
  /** Module with `createRegistry()`; absent → the built-in nodes. */
  registryModule: string | undefined;
  /** Folder that `ctx.files` reads from. */
  filesDir: string;
  /** Largest JSON output (metrics, charts, reports, values) kept, in bytes. */
  maxJsonOutputBytes: number;
  /** The input limits of every run on the thread (`ctx.limits`). */
  limits: InputLimits;
  /** Parsed graphs the thread keeps, by graph version; at the bound it starts over. */
  graphCacheEntries: number;
}
