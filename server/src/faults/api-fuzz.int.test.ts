import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzCases } from './api-fuzz-cases';
import { fuzzApi } from './fuzz-api';
import { fuzzServer } from './fuzz-server';

// A few seconds per database in CI; CAUSEWAY_FUZZ_RUNS raises it (5000 on each is the suite's full 10,000).
const numRuns = Number(process.env.CAUSEWAY_FUZZ_RUNS ?? 100);
const seed = Number(process.env.CAUSEWAY_FUZZ_SEED ?? Date.now() % 2 ** 31);

describe.each(['pglite', 'postgres'] as const)('graph and body fuzzing on %s', (kind) => {
  let target: Awaited<ReturnType<typeof fuzzServer>>;
  beforeAll(async () => {
    target = await fuzzServer(kind);
  }, 120_000);
  afterAll(async () => {
    await target?.close();
  });

  it(`answers ${numRuns} hostile requests without a 5xx, and health keeps answering`, async () => {
    const cases = fuzzCases(target.operations, target.types, target.graphId);
    const report = await fuzzApi(target.baseUrl, target.token, cases, { numRuns, seed });
    expect(report.cases).toBe(numRuns);
    expect(report.serverErrors, `seed ${seed} (CAUSEWAY_FUZZ_SEED)`).toEqual([]);
    expect(report.healthFailures).toEqual([]);
    expect(report.healthMs.length).toBeGreaterThan(0);
    // The fuzz reached past validation: some requests were accepted.
    expect(Object.keys(report.statuses).some((status) => Number(status) < 300)).toBe(true);
  }, 600_000);
});
