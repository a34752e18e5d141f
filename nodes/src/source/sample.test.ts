import { tableSchemaOf } from '@causeway/sdk';
import { inferNode, rowsOf, runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { sampleSource } from './sample';
import { sampleCatalog } from './sample-catalog';

describe('source.sample', () => {
  it.each(Object.keys(sampleCatalog) as (keyof typeof sampleCatalog)[])(
    '%s runs to the table its design-time schema announces',
    async (dataset) => {
      const { outputs } = await runNode(sampleSource, { inputs: {}, config: { dataset } });
      const inferred = inferNode(sampleSource, { config: { dataset } }).outputs.table;
      expect(tableSchemaOf(outputs.table)).toEqual(inferred);
      expect(outputs.table.numRows).toBe(sampleCatalog[dataset].text.trimEnd().split('\n').length - 1);
    },
  );

  it('churn is a plausible classification set: both classes, a minority of churners, a few missing charges', async () => {
    const { outputs } = await runNode(sampleSource, { inputs: {}, config: { dataset: 'churn' } });
    const rows = rowsOf(outputs.table);
    const churners = rows.filter((r) => r.churned === 'yes').length / rows.length;
    expect(churners).toBeGreaterThan(0.1);
    expect(churners).toBeLessThan(0.5);
    expect(rows.some((r) => r.total_charges === null)).toBe(true);
  });

  it('visitors has one row per consecutive day', async () => {
    const { outputs } = await runNode(sampleSource, { inputs: {}, config: { dataset: 'visitors' } });
    const days = rowsOf(outputs.table).map((r) => (r.date as Date).getTime());
    expect(days.every((d, i) => i === 0 || d - (days[i - 1] as number) === 86_400_000)).toBe(true);
  });

  it('fingerprints by dataset and refuses an unknown one', async () => {
    const ctx = { files: undefined as never, signal: new AbortController().signal };
    const churn = await sampleSource.fingerprint?.({ config: { dataset: 'churn' }, ctx });
    expect(churn).not.toBe(await sampleSource.fingerprint?.({ config: { dataset: 'housing' }, ctx }));
    expect(inferNode(sampleSource, { config: { dataset: 'iris' }, fromVersion: 1 }).issues.map((i) => i.path)).toEqual([
      ['config', 'dataset'],
    ]);
  });
});
