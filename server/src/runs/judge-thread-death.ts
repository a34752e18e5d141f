import type { RunEvent } from '@causeway/sdk';
import type { NodeRecord } from './run-queue';
import type { RunError } from './thread-protocol';

/** What the pool knows of a run that was on a thread when the thread died. */
export interface RunOnDeadThread {
  claim: { id: number };
  timedOut: boolean;
}

/** A run released this many times as a suspect in a thread's death is failed instead of released again. */
const maxSuspectReleases = 2;

/**
 * Decides who pays for a dead thread. The culprit is a run that overran its time limit, the one
 * whose code raised the uncaught error, or the only one there was; only it fails, and the others
 * go back to the queue. With no culprit known (out of memory, an exit) every run goes back, to run
 * alone next time, and `suspects` (run id → releases) counts it; a run already a suspect that often
 * is failed instead. `why` says to the released runs what happened.
 */
export function judgeThreadDeath<R extends RunOnDeadThread>(
  open: readonly R[],
  fatalRunId: number | undefined,
  suspects: Map<number, number>,
  reason: string,
): { culprits: R[]; bystanders: R[]; why: string } {
  let culprits = open.filter((run) => run.timedOut);
  if (culprits.length === 0 && fatalRunId !== undefined) culprits = open.filter((run) => run.claim.id === fatalRunId);
  if (culprits.length === 0 && open.length === 1) culprits = [...open];
  if (culprits.length === 0) culprits = open.filter((run) => (suspects.get(run.claim.id) ?? 0) >= maxSuspectReleases);
  const bystanders = open.filter((run) => !culprits.includes(run));
  if (culprits.length === 0) for (const run of bystanders) suspects.set(run.claim.id, (suspects.get(run.claim.id) ?? 0) + 1);
  const why = culprits.some((run) => run.timedOut)
    ? 'another run on its thread overran its time limit'
    : culprits.length > 0
      ? 'another run crashed its thread'
      : `its thread died (${reason}); it runs alone next time`;
  return { culprits, bystanders, why };
}

/**
 * The records that close a run its thread died under: an error for each node it left running
 * (the time limit's error when it overran, else `reason`), then the run's failed end.
 */
export function lostRunEvents(
  run: { claim: { id: number }; nodes: ReadonlyMap<string, NodeRecord> },
  timeout: RunError | undefined,
  reason: string,
  now: number,
): { events: RunEvent[]; error: RunError; durationMs: number } {
  const runId = run.claim.id;
  const running = [...run.nodes.values()].filter((node) => node.status === 'running');
  const code = timeout === undefined ? ('NODE_FAILED' as const) : ('RUN_TIMEOUT' as const);
  const message = timeout === undefined ? `${reason}.` : timeout.message;
  const events: RunEvent[] = running.map((node) => ({
    type: 'node:error',
    runId,
    nodeId: node.nodeId,
    at: now,
    durationMs: now - (node.startedAt ?? now),
    error: { code, message },
  }));
  const error: RunError = { code, message, ...(running[0] === undefined ? {} : { nodeId: running[0].nodeId }) };
  const issues = [{ code, path: [], message, ...(error.nodeId === undefined ? {} : { nodeId: error.nodeId }) }];
  const durationMs = now - (run.nodes.size > 0 ? Math.min(...[...run.nodes.values()].map((n) => n.startedAt ?? now)) : now);
  events.push({ type: 'run:done', runId, at: now, status: 'failed', durationMs, issues });
  return { events, error, durationMs };
}

/** The error of a run that overran its time limit. */
export function runTimeoutError(timeoutMs: number): RunError {
  return { code: 'RUN_TIMEOUT', message: `The run took longer than its time limit of ${timeoutMs} ms.` };
}
