import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../test-support/make-test-app';
import { type BeatingRun, heartbeatRuns } from './heartbeat-runs';

const run = (id: number, closed = false): BeatingRun => ({ claim: { id, attempt: 1 }, closed });

/** A queue whose heartbeat answers as the database would: the runs it still owns and those cancelled. */
function queueAnswering(owned: number[], cancel: number[], asked: number[][]) {
  return {
    async heartbeat(fences: { runId: number; attempt: number }[]) {
      asked.push(fences.map((fence) => fence.runId));
      return { owned: new Set(owned), cancel: new Set(cancel) };
    },
  };
}

describe('heartbeatRuns', () => {
  it('closes and cancels runs the sweeper gave away, cancels cancelled ones, leaves the rest', async () => {
    const asked: number[][] = [];
    const runs = [run(1), run(2), run(3), run(4, true)];
    const cancelled: number[] = [];
    await heartbeatRuns(queueAnswering([1, 3], [3], asked), runs, (id) => cancelled.push(id), memoryLogger());
    expect(asked).toEqual([[1, 2, 3]]);
    expect(cancelled).toEqual([2, 3]);
    expect(runs.map((r) => r.closed)).toEqual([false, true, false, true]);
  });

  it('asks nothing when no run is open', async () => {
    const asked: number[][] = [];
    await heartbeatRuns(queueAnswering([], [], asked), [run(1, true)], () => {}, memoryLogger());
    expect(asked).toEqual([]);
  });

  it('logs a failed beat instead of throwing', async () => {
    const logger = memoryLogger();
    const failing = {
      heartbeat: async () => {
        throw new Error('connection lost');
      },
    };
    await heartbeatRuns(failing, [run(1)], () => {}, logger);
    expect(logger.lines.join('\n')).toContain('connection lost');
  });
});
