import type { RunEvent } from '@causeway/sdk';
import type { StoredCase } from '../graph-tests/graph-tests-repository';
import type { ClaimedRun, NodeRecord } from './run-queue';
import type { RunThread } from './run-thread';

// What a WorkerPool keeps for each run thread and each run in flight.

export interface ActiveRun {
  claim: ClaimedRun;
  seq: number;
  nodes: Map<string, NodeRecord>;
  timer: NodeJS.Timeout;
  timedOut: boolean;
  /** `run:done` is held back until the outcome is written with it, so no one sees it while the run still looks running. */
  doneEvent: RunEvent | undefined;
  /** Released, lost to the sweeper, or finished: later messages are ignored. */
  closed: boolean;
}

export interface PendingTests {
  resolve(cases: StoredCase[]): void;
  reject(error: Error): void;
}

export interface Slot {
  thread: RunThread;
  ready: boolean;
  /** Runs in flight on this thread, by id: up to `settings.runsPerThread`. */
  runs: Map<number, ActiveRun>;
  /** Graph-test requests in flight on this thread, by request id (see `WorkerPool.runTests`). */
  tests: Map<number, PendingTests>;
  /** A thread of its own for one suspect run: claims never go to it, and it ends with its run. */
  solo: boolean;
  /** What the thread said as it died of an uncaught error, and whose code raised it. */
  fatal?: { runId?: number; message: string };
  /** Since when the thread has carried no run; ending (idle too long): it takes no more runs. */
  idleSince: number | undefined;
  retiring: boolean;
}
