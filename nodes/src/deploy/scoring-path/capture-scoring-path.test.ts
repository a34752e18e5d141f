import { type Lineage, type LineageNode, type ModelCard, UserError } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { dateParts } from '../../transform/date-parts';
import { imputeNulls } from '../../transform/impute';
import { compileScoringPath } from './apply-scoring-path';
import { captureScoringPath } from './capture-scoring-path';

const raw = tableOf({
  day: [new Date('2024-01-15'), new Date('2024-06-02'), new Date('2024-11-30')],
  temp: [3, null, 21],
  visitors: [120, 340, 200],
});
const card: ModelCard = {
  task: 'regression',
  features: [
    { name: 'day_month', type: 'integer' },
    { name: 'temp', type: 'number' },
  ],
};

type Feeds = Record<string, Array<{ node: string; port: string }>>;
function lineageOf(nodes: Array<Omit<LineageNode, 'sources' | 'version'> & { sources?: Feeds; version?: number }>): Lineage {
  const byId = new Map(nodes.map((n) => [n.id, { version: 1, sources: {}, ...n }]));
  return { node: (id) => byId.get(id) };
}

async function graph(between: { id: string; type: string; category?: string } | undefined) {
  const parts = await runNode(dateParts, { inputs: { table: raw }, config: { column: 'day', parts: ['month'] } });
  const fill = await runNode(imputeNulls, { inputs: { table: parts.outputs.table }, config: { columns: ['temp'], strategy: 'median' } });
  return lineageOf([
    { id: 'load', type: 'source.sample', category: 'source', config: {}, outputs: { table: raw } },
    {
      id: 'parts',
      type: 'transform.date-parts',
      category: 'transform',
      config: { column: 'day', parts: ['month'] },
      sources: { table: [{ node: 'load', port: 'table' }] },
      outputs: parts.outputs,
    },
    {
      id: 'fill',
      type: 'transform.impute',
      category: 'transform',
      config: { columns: ['temp'], strategy: 'median' },
      sources: { table: [{ node: 'parts', port: 'table' }] },
      outputs: fill.outputs,
    },
    ...(between
      ? [
          {
            id: between.id,
            type: between.type,
            category: between.category ?? 'transform',
            config: {},
            sources: { table: [{ node: 'fill', port: 'table' }] },
            outputs: {},
          },
        ]
      : []),
    {
      id: 'split',
      type: 'transform.split',
      category: 'transform',
      config: {},
      sources: { table: [{ node: between ? between.id : 'fill', port: 'table' }] },
      outputs: {},
    },
    {
      id: 'train',
      type: 'model.linear-regression',
      category: 'model',
      config: {},
      sources: { table: [{ node: 'split', port: 'train' }] },
      outputs: {},
    },
    {
      id: 'gate',
      type: 'validate.model-gate',
      category: 'validate',
      config: {},
      sources: { model: [{ node: 'train', port: 'model' }], metrics: [] },
      outputs: {},
    },
    {
      id: 'register',
      type: 'deploy.register-model',
      category: 'deploy',
      config: {},
      sources: { model: [{ node: 'gate', port: 'model' }] },
      outputs: undefined,
    },
  ]);
}

describe('captureScoringPath', () => {
  it('records the row-wise nodes with their fitted states, passes the split by, and finds the raw inputs', async () => {
    const path = await captureScoringPath(await graph(undefined), 'register', card);
    expect(path?.steps.map((s) => s.node)).toEqual(['parts', 'fill']);
    expect(path?.steps[1]?.fitted).toEqual({ kind: 'impute', columns: [{ column: 'temp', strategy: 'median', fill: 12 }] });
    expect(path?.skipped).toEqual(['split']);
    expect(path?.inputs.map((c) => c.name)).toEqual(['day', 'temp']);
    expect(path?.fill.map((c) => c.name)).toEqual(['visitors']);
    // The stored path applies the state it fitted: a null temperature becomes the training median.
    const scored = await compileScoringPath(path as NonNullable<typeof path>)(
      tableOf({ day: [new Date('2025-03-01'), new Date('2025-07-04')], temp: [null, 5] }),
    );
    expect(scored.getChild('day_month')?.get(0)).toBe(3);
    expect(scored.getChild('temp')?.get(0)).toBe(12);
  });

  it('refuses a node that is not row-wise, naming it', async () => {
    const refused = captureScoringPath(await graph({ id: 'daily', type: 'transform.aggregate' }), 'register', card);
    await expect(refused).rejects.toBeInstanceOf(UserError);
    await expect(refused).rejects.toMatchObject({
      code: 'SCORING_PATH_UNSUPPORTED',
      details: { node: 'daily', type: 'transform.aggregate' },
    });
  });

  it('records nothing when the trainer reads the raw table', async () => {
    const lineage = lineageOf([
      { id: 'load', type: 'source.sample', category: 'source', config: {}, outputs: { table: raw } },
      {
        id: 'train',
        type: 'model.linear-regression',
        category: 'model',
        config: {},
        sources: { table: [{ node: 'load', port: 'table' }] },
        outputs: {},
      },
      {
        id: 'register',
        type: 'deploy.register-model',
        category: 'deploy',
        config: {},
        sources: { model: [{ node: 'train', port: 'model' }] },
        outputs: undefined,
      },
    ]);
    expect(await captureScoringPath(lineage, 'register', card)).toBeUndefined();
  });
});
