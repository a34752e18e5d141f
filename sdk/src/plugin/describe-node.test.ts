import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import { describeNode } from './describe-node';
import { upper } from './fixtures.test-helper';

describe('describeNode', () => {
  it('describes ports with their flags and value schemas, and the config as input-shaped JSON Schema', () => {
    const d = describeNode(upper);
    expect(d).toMatchObject({ type: '@acme/causeway-text/upper', version: 1, category: 'plugin', effects: false });
    expect(d.inputs).toEqual({
      table: { kind: 'table', optional: false, multiple: false, description: 'rows to change' },
      extra: { kind: 'table', optional: true, multiple: true },
    });
    expect(d.outputs.count?.schema).toMatchObject({ type: 'integer', minimum: 0 });
    expect(d.config).toMatchObject({ type: 'object', required: ['column'], properties: { keep: { type: 'boolean', default: true } } });
    // Plain JSON: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it('falls back to an empty schema for configs JSON Schema cannot express', () => {
    const odd = defineNode({
      type: 'test.odd',
      version: 1,
      category: 'transform',
      title: 'Odd',
      description: 'A config with a transform.',
      inputs: {},
      outputs: { out: port.metrics() },
      config: z.object({ at: z.custom<Date>((v) => v instanceof Date) }).transform((c) => c.at),
      run: () => ({ out: { values: {} } }),
    });
    expect(() => describeNode(odd)).not.toThrow();
    expect(typeof describeNode(odd).config).toBe('object');
  });

  it('carries declared properties', () => {
    const sink = defineNode({ ...upper, type: 'test.sink', effects: true, runtime: 'server', cache: 'volatile', timeoutMs: 500 });
    expect(describeNode(sink)).toMatchObject({ effects: true, runtime: 'server', cache: 'volatile', timeoutMs: 500 });
  });

  it('describes a node with no ports', () => {
    const empty = defineNode({
      type: 'test.empty',
      version: 2,
      category: 'source',
      title: 'Empty',
      description: 'No inputs.',
      inputs: {},
      outputs: { out: port.metrics() },
      config: z.object({}),
      run: () => ({ out: { values: {} } }),
    });
    expect(describeNode(empty)).toMatchObject({ inputs: {}, outputs: { out: { kind: 'metrics' } }, config: { type: 'object' } });
  });
});
