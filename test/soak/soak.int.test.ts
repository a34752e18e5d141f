import { describe, expect, it } from 'vitest';
import { buildOnce } from '../cli/run-cli';
import { median } from './slope';
import { formatReport, type SoakReport, soak } from './soak-run';

// A short soak of the built server on each database: small graphs, API reads, SSE subscribers that
// drop, endpoint predictions. It fails on growth, not on time: handles, threads, child processes and
// connections may not climb after warm-up, and heap may not keep rising. The long soak with the 1M-row
// pipeline is test/bench/soak.ts; CAUSEWAY_SOAK_SECONDS lengthens this one.
const seconds = Number(process.env.CAUSEWAY_SOAK_SECONDS ?? 30);

/** The samples of each third of the soak. */
function thirds(report: SoakReport) {
  const span = report.samples.at(-1)?.at ?? 0;
  const first = report.samples[0]?.at ?? 0;
  const third = (span - first) / 3;
  return {
    middle: report.samples.filter((s) => s.at >= first + third && s.at < first + 2 * third),
    last: report.samples.filter((s) => s.at >= first + 2 * third),
    early: report.samples.filter((s) => s.at < first + 2 * third),
  };
}

type Counted = 'fds' | 'threads' | 'children' | 'dbConnections';

describe.each(['pglite', 'postgres'] as const)('a short soak on %s', (database) => {
  it('holds handles, threads, processes, connections and heap flat, and loses no run', { timeout: 300_000 }, async () => {
    await buildOnce();
    const report = await soak({
      database,
      durationMs: seconds * 1000,
      bigRows: 0,
      smallRunEveryMs: 1_000,
      readEveryMs: 500,
      predictEveryMs: 50,
      sampleEveryMs: 1_000,
      idleWaitMs: 3_000,
      env: { CAUSEWAY_WORKER_THREADS: '1', CAUSEWAY_THREAD_IDLE_MS: '1000', CAUSEWAY_HEARTBEAT_MS: '500' },
    });
    const lines = formatReport(database, report).join('\n');
    expect(report.runs, lines).toMatchObject({ stuck: 0, failed: 0 });
    expect(report.runs.succeeded, lines).toBe(report.runs.started);
    expect(report.predict.errors, lines).toBe(0);
    const { middle, last, early } = thirds(report);
    const max = (samples: typeof last, key: Counted) => Math.max(...samples.map((s) => s[key]));
    const level = (samples: typeof last, key: Counted) => median(samples.map((s) => s[key]));
    // A leak raises the level of the last third above all of the first two: one more per run or
    // request. One spike does not: requests in flight at a sample hold a few sockets, and a busy
    // moment on a loaded machine grows a pool by a connection that it keeps idle for 30 s, longer
    // than this soak (the pools are bounded; a leak is not).
    expect(level(last, 'fds'), lines).toBeLessThanOrEqual(max(early, 'fds') + 8);
    expect(level(last, 'threads'), lines).toBeLessThanOrEqual(max(early, 'threads'));
    expect(level(last, 'children'), lines).toBeLessThanOrEqual(max(early, 'children'));
    expect(level(last, 'dbConnections'), lines).toBeLessThanOrEqual(max(early, 'dbConnections') + 1);
    // Medians ride over the collector's saw-tooth; a quarter more in the last third is growth.
    expect(median(last.map((s) => s.heapUsedMb)), lines).toBeLessThan(median(middle.map((s) => s.heapUsedMb)) * 1.25);
  });
});
