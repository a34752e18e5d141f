import { columnOf } from '@causeway/sdk';
import { inferNode, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../ml/learn/random';
import { gridCandidates, randomCandidates } from '../ml/selection/search-space';
import { tuneNode } from './tune';

/** A step in x: a deep tree fits it, a stump of depth 1 at the wrong place cannot (two steps). */
function data(n = 300) {
  const random = createRandom(9);
  const x = Array.from({ length: n }, () => random.next() * 3);
  const z = Array.from({ length: n }, () => random.next());
  const y = x.map((v) => (v < 1 ? 'a' : v < 2 ? 'b' : 'a'));
  return tableOf({ x, z, y }, { y: 'category' });
}

const schema = {
  columns: [
    { name: 'x', type: 'number' as const, nullable: false },
    { name: 'y', type: 'category' as const, nullable: false },
  ],
};

describe('search spaces', () => {
  it('a grid is every combination; ranges give evenly or log-evenly spaced points', () => {
    expect(gridCandidates({ a: { values: [1, 2] }, b: { values: ['x', 'y'] } })).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    const log = gridCandidates({ C: { min: 0.01, max: 100, log: true, integer: false, steps: 5 } }).map((c) => c.C as number);
    expect(log.map((v) => Math.round(Math.log10(v)))).toEqual([-2, -1, 0, 1, 2]);
    expect(gridCandidates({ d: { min: 1, max: 3, log: false, integer: true, steps: 5 } }).map((c) => c.d)).toEqual([1, 2, 3]);
  });

  it('random draws are seeded, within range, and not repeated', () => {
    const space = { C: { min: 0.1, max: 10, log: true, integer: false, steps: 5 }, d: { values: [1, 2, 3] } };
    const a = randomCandidates(space, 20, 4);
    expect(a).toEqual(randomCandidates(space, 20, 4));
    expect(a.every((c) => (c.C as number) >= 0.1 && (c.C as number) <= 10)).toBe(true);
    expect(new Set(a.map((c) => JSON.stringify(c))).size).toBe(20);
    expect(randomCandidates({ d: { values: [1, 2] } }, 5, 0)).toHaveLength(2);
  });
});

describe('model.tune', () => {
  it('grid search picks the known-best configuration and refits it', async () => {
    const { outputs } = await runNode(tuneNode, {
      inputs: { table: data() },
      config: {
        learner: 'model.decision-tree',
        learnerConfig: { target: 'y', features: ['x', 'z'] },
        space: { maxDepth: { values: [1, 4] } },
        search: 'grid',
        folds: 3,
      },
    });
    expect(outputs.best).toMatchObject({ target: 'y', maxDepth: 4 });
    expect(outputs.metrics.values.accuracy).toBeGreaterThan(0.95);
    expect(outputs.model.card.params).toMatchObject({ maxDepth: 4 });
    const results = outputs.results;
    expect(results.numRows).toBe(2);
    expect(Array.from(columnOf(results, 'param_maxDepth').toArray() as Float64Array)).toEqual([1, 4]);
    expect(Array.from(columnOf(results, 'rank').toArray() as Int32Array)).toEqual([2, 1]);
    expect((outputs.chart.hconcat as { title: string }[])[0]?.title).toBe('accuracy against maxDepth');
  });

  it('successive halving races the draws on growing samples and keeps the best', async () => {
    const { outputs } = await runNode(tuneNode, {
      inputs: { table: data(600) },
      config: {
        learner: 'model.decision-tree',
        learnerConfig: { target: 'y', features: ['x', 'z'] },
        space: { maxDepth: { min: 1, max: 6, integer: true } },
        search: 'halving',
        iterations: 6,
        factor: 2,
        folds: 3,
      },
    });
    const rounds = Array.from(columnOf(outputs.results, 'round').toArray() as Int32Array);
    const rows = Array.from(columnOf(outputs.results, 'rows').toArray() as Int32Array);
    expect(Math.max(...rounds)).toBeGreaterThan(0);
    expect(rows.at(-1)).toBe(600);
    expect(rows[0]).toBeLessThan(600);
    expect(outputs.best.maxDepth as number).toBeGreaterThanOrEqual(2);
  });

  it('refuses an empty or invalid search space, naming the field', () => {
    const issuesOf = (space: unknown, extra: Record<string, unknown> = {}) =>
      inferNode(tuneNode, {
        inputs: { table: schema },
        config: { learner: 'model.logistic-regression', learnerConfig: { target: 'y' }, space: space as never, ...extra },
      }).issues.map((i) => [i.path.join('.'), i.message]);
    expect(issuesOf({})).toEqual([['config.space', 'The search space is empty: name at least one hyper-parameter to search.']]);
    expect(issuesOf({ depth: { values: [1] } })[0]?.[0]).toBe('config.space.depth');
    expect(issuesOf({ target: { values: ['x'] } })[0]?.[0]).toBe('config.space.target');
    expect(issuesOf({ C: { values: [1, -2] } }).map((i) => i[0])).toEqual(['config.space.C.values.1']);
    expect(issuesOf({ C: { min: 10, max: 1 } }).map((i) => i[0])).toEqual(['config.space.C.max']);
    expect(issuesOf({ C: { min: 0, max: 1, log: true } }).map((i) => i[0])).toEqual(['config.space.C.min']);
    expect(issuesOf({ C: { values: [] } })[0]?.[0]).toMatch(/^config\.space\.C/);
    expect(issuesOf({ C: { values: [1] } }, { metric: 'r2' }).map((i) => i[0])).toEqual(['config.metric']);
    expect(issuesOf({ C: { values: [1, 2] } })).toEqual([]);
  });

  it('refuses an invalid space at run time too', async () => {
    await expect(
      runNode(tuneNode, {
        inputs: { table: data() },
        config: { learner: 'model.logistic-regression', learnerConfig: { target: 'y' }, space: { C: { values: [0] } } },
      }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', issues: [{ path: ['config', 'space', 'C', 'values', 0] }] });
  });
});
