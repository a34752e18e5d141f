import { type EventError, type Graph, z } from '@causeway/sdk';
import type { FrameSignal } from './runner-frame';

/** The server's default time limit for a plugin node (`CAUSEWAY_PLUGIN_TIMEOUT_MS`), kept the same in the browser. */
export const defaultPluginTimeLimitMs = 60_000;

const timeLimitParam = z.coerce.number().int().min(100).max(86_400_000);

/** The page's `?pluginTimeoutMs=` when it is a whole number of milliseconds (100 ms to a day); the default otherwise. */
export function pluginTimeLimitFrom(search: string | undefined): number {
  const value = new URLSearchParams(search ?? '').get('pluginTimeoutMs');
  const parsed = timeLimitParam.safeParse(value ?? undefined);
  return parsed.success ? parsed.data : defaultPluginTimeLimitMs;
}

/** Why the watchdog gave up on the worker. */
export type WorkerStall = ({ kind: 'silent'; silentMs: number } | { kind: 'died'; message: string }) & {
  /** The plugin node whose code was on the worker's thread, when one was. */
  inside: string | undefined;
};

export interface Watch {
  stalled: Promise<WorkerStall>;
  stop(): void;
}

/** Where the watchdog hears which plugin node holds the worker and whether the worker (or its frame) died. */
export interface RunnerSignals {
  listen(listener: (signal: FrameSignal) => void): () => void;
}

/**
 * Pings the worker while a run lasts. Node code runs on the worker's only thread, so a node that never
 * yields (an endless loop) leaves pings unanswered: past `limitMs` of silence, or when the worker or its
 * frame dies (an uncaught error; the frame's process out of memory), `stalled` settles and the caller
 * replaces them.
 */
export function watchWorker(signals: RunnerSignals, ping: () => Promise<unknown>, limitMs: number): Watch {
  const tickMs = Math.max(50, Math.min(1_000, Math.floor(limitMs / 4)));
  let lastAnswer = Date.now();
  let stopped = false;
  let pingTimer: ReturnType<typeof setTimeout> | undefined;
  let settle: (stall: WorkerStall) => void = () => {};
  const stalled = new Promise<WorkerStall>((resolve) => {
    settle = resolve;
  });
  const askAgain = () => {
    if (stopped) return;
    ping().then(
      () => {
        lastAnswer = Date.now();
        pingTimer = setTimeout(askAgain, tickMs);
      },
      () => {},
    );
  };
  let inside: string | undefined;
  const unlisten = signals.listen((signal) => {
    if (signal.kind === 'inside') inside = signal.nodeId;
    else settle({ kind: 'died', message: signal.message, inside });
  });
  const checkTimer = setInterval(() => {
    const silentMs = Date.now() - lastAnswer;
    if (silentMs > limitMs) settle({ kind: 'silent', silentMs, inside });
  }, tickMs);
  askAgain();
  return {
    stalled,
    stop() {
      stopped = true;
      clearInterval(checkTimer);
      clearTimeout(pingTimer);
      unlisten();
    },
  };
}

/**
 * The error a node still running gets when its worker is ended: a plugin's node (its type under a plugin
 * the graph requires) `PLUGIN_TIMEOUT`, `PLUGIN_LIMIT` (out of memory) or `PLUGIN_CRASHED`, as on the server; a built-in `NODE_TIMEOUT` or `NODE_FAILED`.
 */
export function stallError(stall: WorkerStall, graph: Graph, nodeId: string, limitMs: number): EventError {
  const type = graph.nodes.find((n) => n.id === nodeId)?.type ?? 'unknown type';
  const plugin = Object.keys(graph.requires ?? {}).some((name) => type.startsWith(`${name}/`));
  if (stall.kind === 'died') {
    return {
      code: plugin ? (/memory|allocation failed/i.test(stall.message) ? 'PLUGIN_LIMIT' : 'PLUGIN_CRASHED') : 'NODE_FAILED',
      message: `Node "${nodeId}" (${type}) stopped the browser's runner (${stall.message}); the runner was restarted.`,
    };
  }
  return {
    code: plugin ? 'PLUGIN_TIMEOUT' : 'NODE_TIMEOUT',
    message: `Node "${nodeId}" (${type}) ran for more than ${limitMs / 1000} s without answering, its time limit in the browser; it was stopped and the runner restarted.`,
  };
}

/** The error of a node that was still running when another node's plugin code made the runner restart. */
export function stoppedWith(culprit: string, nodeId: string): EventError {
  return {
    code: 'RUN_CANCELLED',
    message: `Node "${nodeId}" was stopped when node "${culprit}" held the browser's runner and it was restarted.`,
  };
}
