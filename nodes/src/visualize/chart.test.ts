import { type TableSchema, UserError } from '@causeway/sdk';
import { inferNode, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { chartNode } from './chart';
import type { chartConfig } from './chart-config';

type Config = z.input<typeof chartConfig>;

type Spec = {
  title: { text: string; subtitle?: string };
  data: { values: Record<string, unknown>[] };
  encoding?: Record<string, { field?: string; type?: string; title?: string }>;
};
const chart = async (table: ReturnType<typeof tableOf>, config: Config) =>
  (await runNode(chartNode, { inputs: { table }, config })).outputs.chart as unknown as Spec;

const plans = ['basic', 'pro', 'basic', 'team', 'pro', 'basic', 'basic', 'pro'];
const spend = [10, 30, 12, 50, 34, 8, null, 26];
const table = tableOf({ plan: plans, spend, age: [21, 35, 44, 52, 29, 33, 61, 40] }, { plan: 'category' });

describe('visualize.chart', () => {
  it('a histogram counts rows in equal-width bins and says it binned them', async () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7) % 100);
    const spec = await chart(tableOf({ v: values }), { mark: 'histogram', x: 'v', bins: 10 });
    expect(spec.data.values).toHaveLength(10);
    expect(spec.data.values.map((d) => d.count)).toEqual(Array(10).fill(100));
    expect(spec.data.values[0]).toMatchObject({ x: 0, x2: 9.9 });
    expect(spec.title.subtitle).toBe('binned 1,000 rows into 10 bins');
    expect(spec.encoding?.x).toMatchObject({ field: 'x', type: 'quantitative', title: 'v' });
  });

  it('samples a large table to maxPoints rows, seeded and in table order, and says so', async () => {
    const n = 20_000;
    const big = tableOf({ i: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => i % 13) });
    const config: Config = { mark: 'point', x: 'i', y: 'y', maxPoints: 1000, seed: 3 };
    const spec = await chart(big, config);
    const xs = spec.data.values.map((d) => d.x as number);
    expect(xs).toHaveLength(1000);
    expect(new Set(xs).size).toBe(1000);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(spec.data.values.every((d) => d.y === (d.x as number) % 13)).toBe(true);
    expect(spec.title.subtitle).toBe('sampled 1,000 of 20,000 rows');
    expect((await chart(big, config)).data.values).toEqual(spec.data.values);
    expect((await chart(big, { ...config, seed: 4 })).data.values).not.toEqual(spec.data.values);
  });

  it('aggregates y per x and colour, leaving out rows with a missing value', async () => {
    const spec = await chart(table, { mark: 'bar', x: 'plan', y: 'spend', aggregate: 'mean' });
    expect(spec.data.values).toEqual([
      { x: 'basic', y: 10 },
      { x: 'pro', y: 30 },
      { x: 'team', y: 50 },
    ]);
    expect(spec.encoding?.y?.title).toBe('mean of spend');
    expect(spec.title.subtitle).toBe('left out 1 row with missing values');
    const counted = await chart(table, { mark: 'bar', x: 'plan' });
    expect(counted.data.values).toEqual([
      { x: 'basic', y: 4 },
      { x: 'pro', y: 3 },
      { x: 'team', y: 1 },
    ]);
    const max = await chart(table, { mark: 'line', x: 'plan', y: 'spend', aggregate: 'max', color: 'plan' });
    expect(max.data.values).toContainEqual({ x: 'pro', color: 'pro', y: 34 });
  });

  it('bins an aggregated number x that has more distinct values than maxPoints', async () => {
    const n = 500;
    const spec = await chart(tableOf({ x: Array.from({ length: n }, (_, i) => i), y: Array(n).fill(1) }), {
      mark: 'bar',
      x: 'x',
      y: 'y',
      aggregate: 'sum',
      maxPoints: 100,
      bins: 5,
    });
    expect(spec.data.values.map((d) => d.y)).toEqual([100, 100, 100, 100, 100]);
    expect(spec.title.subtitle).toBe('binned x into 5 bins');
  });

  it('a box plot holds the quartiles and Tukey whiskers of each group', async () => {
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    const spec = await chart(tableOf({ g: Array(10).fill('a'), y }), { mark: 'boxplot', x: 'g', y: 'y' });
    // NumPy: quantile([1..9, 100], [.25, .5, .75]) = 3.25, 5.5, 7.75; whiskers reach 1.5 IQR
    expect(spec.data.values).toEqual([{ x: 'a', lower: 1, q1: 3.25, median: 5.5, q3: 7.75, upper: 9, rows: 10 }]);
    expect(spec.title.subtitle).toBe('quartiles of 10 rows');
  });

  it('a heat map counts rows per cell, or aggregates the colour column', async () => {
    const spec = await chart(table, { mark: 'heatmap', x: 'plan', y: 'age', bins: 2 });
    const cells = spec.data.values;
    expect(cells.reduce((s, d) => s + (d.value as number), 0)).toBe(8);
    expect(cells).toContainEqual({ x: 'basic', y: 21, y2: 41, value: 2 });
    const mean = await chart(table, { mark: 'heatmap', x: 'plan', y: 'age', color: 'spend', aggregate: 'mean', bins: 2 });
    expect(mean.data.values).toContainEqual({ x: 'team', y: 41, y2: 61, value: 50 });
    expect(mean.encoding?.color?.title).toBe('mean of spend');
  });

  it('keeps the most frequent categories and lumps the rest into "(other)"', async () => {
    const spec = await chart(table, { mark: 'bar', x: 'plan', maxCategories: 2 });
    expect(spec.data.values).toEqual([
      { x: 'basic', y: 4 },
      { x: '(other)', y: 4 },
    ]);
    expect(spec.title.subtitle).toBe('kept the 1 most frequent of 3 values of plan');
  });

  it('splits into facets with the encodings inside the faceted spec', async () => {
    const spec = (await chart(table, { mark: 'point', x: 'age', y: 'spend', facet: 'plan' })) as unknown as {
      facet: { field: string };
      spec: { encoding: unknown };
      data: { values: { facet: string }[] };
    };
    expect(spec.facet.field).toBe('facet');
    expect(spec.spec.encoding).toBeDefined();
    expect(new Set(spec.data.values.map((d) => d.facet))).toEqual(new Set(['basic', 'pro', 'team']));
  });
});

describe('visualize.chart refuses bad configs', () => {
  const schema: TableSchema = {
    columns: [
      { name: 'plan', type: 'category', nullable: false },
      { name: 'spend', type: 'number', nullable: true },
    ],
  };
  const infer = (config: Config) => inferNode(chartNode, { inputs: { table: schema }, config }).issues;

  it('names the field of a missing column at validation and at run time', async () => {
    const issues = infer({ mark: 'point', x: 'plan', y: 'spnd' });
    expect(issues).toEqual([{ code: 'SCHEMA_INVALID', path: ['config', 'y'], message: 'Unknown column "spnd"; did you mean "spend"?' }]);
    expect(infer({ mark: 'point', x: 'plan', y: 'spend', color: 'region' })[0]?.path).toEqual(['config', 'color']);
    const run = runNode(chartNode, { inputs: { table }, config: { mark: 'point', x: 'plan', y: 'spnd' } });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toMatchObject({ code: 'SCHEMA_INVALID', issues: [{ path: ['config', 'y'] }] });
  });

  it('refuses a spec over 2 MB on maxPoints rather than writing it', async () => {
    const n = 20_000;
    const long = (i: number) => `${'a long label '.repeat(6)}${i % 900}`;
    const wide = tableOf({
      x: Array.from({ length: n }, (_, i) => i / 7),
      y: Array.from({ length: n }, (_, i) => i / 3),
      label: Array.from({ length: n }, (_, i) => long(i)),
    });
    const config: Config = { mark: 'point', x: 'x', y: 'y', color: 'label', facet: 'label', maxPoints: 20_000, maxCategories: 1000 };
    await expect(runNode(chartNode, { inputs: { table: wide }, config })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ path: ['config', 'maxPoints'] }],
    });
    const smaller = await chart(wide, { ...config, maxPoints: 2000 });
    expect(JSON.stringify(smaller).length).toBeLessThan(2_000_000);
  });

  it('refuses what a mark cannot draw, on the field at fault', () => {
    expect(infer({ mark: 'histogram', x: 'plan' })).toMatchObject([
      { path: ['config', 'x'], message: 'A histogram needs a number or date x column; "plan" is category.' },
    ]);
    expect(infer({ mark: 'boxplot', x: 'plan' })).toMatchObject([
      { path: ['config', 'y'], message: 'A box plot needs a number y column.' },
    ]);
    expect(infer({ mark: 'bar', x: 'spend', y: 'plan', aggregate: 'mean' })).toMatchObject([{ path: ['config', 'y'] }]);
    expect(infer({ mark: 'bar', x: 'plan', size: 'spend' })).toMatchObject([{ path: ['config', 'size'] }]);
    expect(infer({ mark: 'heatmap', x: 'plan', y: 'spend', aggregate: 'sum' })).toMatchObject([{ path: ['config', 'color'] }]);
    expect(infer({ mark: 'point', y: 'spend' })).toMatchObject([{ path: ['config', 'x'] }]);
    expect(infer({ mark: 'scatter' as never, x: 'plan' })[0]?.code).toBe('CONFIG_INVALID');
    expect(infer({ mark: 'point', x: 'plan', y: 'spend' })).toEqual([]);
    expect(inferNode(chartNode, { inputs: { table: schema }, config: { mark: 'bar', x: 'plan' } }).outputs).toEqual({ chart: {} });
  });
});
