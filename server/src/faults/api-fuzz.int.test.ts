import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from '../plugins/test-support/plugin-runs';
import { testGraph } from '../runs/runs-test-app';
import { fuzzCases } from './api-fuzz-cases';
import { type FuzzReport, fuzzApi } from './fuzz-api';
import { fuzzServer } from './fuzz-server';

// A few seconds per database in CI; CAUSEWAY_FUZZ_RUNS raises it (5000 on each is the suite's full 10,000).
const numRuns = Number(process.env.CAUSEWAY_FUZZ_RUNS ?? 100);
const seed = Number(process.env.CAUSEWAY_FUZZ_SEED ?? Date.now() % 2 ** 31);

describe.each(['pglite', 'postgres'] as const)('graph and body fuzzing on %s', (kind) => {
  let target: Awaited<ReturnType<typeof fuzzServer>>;
  beforeAll(async () => {
    target = await fuzzServer(kind, true);
  }, 120_000);
  afterAll(async () => {
    await target?.close();
  });

  it(`answers ${numRuns} hostile requests without a 5xx, health keeps answering, and a run beside them succeeds`, async () => {
    let report: FuzzReport | undefined;
    // An innocent run, started before the fuzz and running through it; the fuzz starts runs of its own
    // but never names this one (a fuzzed cancel of it would be a legitimate request).
    const innocent = await runToEnd(
      target.app,
      testGraph('innocent', [{ id: 'wait', type: 'test.slow', config: { ms: 300 } }]),
      async (innocentId) => {
        const cases = fuzzCases(target.operations, target.types, target.graphId, [String(innocentId)]);
        report = await fuzzApi(target.baseUrl, target.token, cases, { numRuns, seed });
      },
    );
    expect(innocent.status).toBe('succeeded');
    if (!report) throw new Error('the fuzz did not run');
    expect(report.cases).toBe(numRuns);
    expect(report.serverErrors, `seed ${seed} (CAUSEWAY_FUZZ_SEED)`).toEqual([]);
    expect(report.healthFailures).toEqual([]);
    expect(report.healthMs.length).toBeGreaterThan(0);
    // The fuzz reached past validation: some requests were accepted.
    expect(Object.keys(report.statuses).some((status) => Number(status) < 300)).toBe(true);
  }, 600_000);
});
