import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import { inferNode } from './infer-node';

const pick = defineNode({
  type: 'test.pick',
  version: 1,
  category: 'transform',
  title: 'Pick',
  description: 'Keeps one column.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({ column: z.string().min(1) }),
  infer: ({ inputs, config, issue }) => {
    const column = inputs.table?.columns.find((c) => c.name === config.column);
    if (inputs.table && !column) issue(`Unknown column "${config.column}".`, ['column']);
    return column ? { table: { columns: [column] } } : {};
  },
  run: ({ inputs }) => ({ table: inputs.table }),
});

const schema = { columns: [{ name: 'age', type: 'integer' as const, nullable: false }] };

describe('inferNode', () => {
  it('returns the output descriptors', () => {
    expect(inferNode(pick, { inputs: { table: schema }, config: { column: 'age' } })).toEqual({ outputs: { table: schema }, issues: [] });
  });

  it('reports issues infer records as SCHEMA_INVALID on the config field', () => {
    const result = inferNode(pick, { inputs: { table: schema }, config: { column: 'agee' } });
    expect(result.outputs).toEqual({});
    expect(result.issues).toEqual([{ code: 'SCHEMA_INVALID', path: ['config', 'column'], message: 'Unknown column "agee".' }]);
  });

  it('leaves outputs unknown while inputs are unknown', () => {
    expect(inferNode(pick, { config: { column: 'age' } })).toEqual({ outputs: {}, issues: [] });
  });

  it('reports an invalid config as CONFIG_INVALID issues', () => {
    const result = inferNode(pick, { inputs: { table: schema }, config: { column: '' } });
    expect(result.issues.map((i) => [i.code, i.path])).toEqual([['CONFIG_INVALID', ['config', 'column']]]);
  });
});
