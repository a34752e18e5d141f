import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configJsonSchema } from '../node/config-json-schema';
import { unknownKeys } from './unknown-keys';

const keysOf = (schema: z.ZodType, value: unknown) => unknownKeys(configJsonSchema(schema), value).map((u) => [...u.path, u.key].join('.'));

describe('unknownKeys', () => {
  it('finds keys a zod object leaves out, at every level, with the keys it lists', () => {
    const schema = z.object({
      types: z.record(z.string(), z.string()).optional(),
      columns: z.array(z.object({ name: z.string() })).default([]),
      where: z.object({ column: z.string() }).nullable().optional(),
    });
    const value = { type: {}, types: { any: 'x' }, columns: [{ name: 'a' }, { name: 'b', nmae: 'c' }], where: { column: 'a', op: '=' } };
    expect(keysOf(schema, value)).toEqual(['type', 'columns.1.nmae', 'where.op']);
    expect(unknownKeys(configJsonSchema(schema), { type: {} })[0]?.known).toEqual(['types', 'columns', 'where']);
  });

  it('leaves records, loose objects and unreadable schemas open', () => {
    expect(keysOf(z.record(z.string(), z.number()), { anything: 1 })).toEqual([]);
    expect(keysOf(z.looseObject({ a: z.string() }), { b: 1 })).toEqual([]);
    expect(unknownKeys({}, { b: 1 })).toEqual([]);
    expect(unknownKeys({ type: 'object' }, { b: 1 })).toEqual([]);
  });

  it('picks the variant of a discriminated union by its discriminator', () => {
    const schema = z.object({
      destination: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('file'), name: z.string() }),
        z.object({ kind: z.literal('postgres'), table: z.string() }),
      ]),
    });
    expect(keysOf(schema, { destination: { kind: 'file', table: 't', name: 'n' } })).toEqual(['destination.table']);
    expect(keysOf(schema, { destination: { kind: 'postgres', table: 't' } })).toEqual([]);
  });

  it('in a plain union, refuses only what no variant knows', () => {
    const schema = z.object({ v: z.union([z.object({ a: z.number() }), z.object({ b: z.number() }), z.string()]) });
    expect(keysOf(schema, { v: { a: 1, b: 2 } })).toEqual([]);
    expect(keysOf(schema, { v: { a: 1, c: 2 } })).toEqual(['v.c']);
  });

  it('treats an object schema without additionalProperties as closed, as old plugin manifests write it', () => {
    const manifestConfig = { type: 'object', properties: { column: { type: 'string' } }, required: ['column'] };
    expect(unknownKeys(manifestConfig, { column: 'a', colum: 'b' })).toEqual([{ path: [], key: 'colum', known: ['column'] }]);
    expect(unknownKeys({ ...manifestConfig, additionalProperties: true }, { colum: 'b' })).toEqual([]);
  });

  it('follows $ref into $defs and recursive schemas', () => {
    const node: z.ZodType = z.lazy(() => z.object({ name: z.string(), children: z.array(node).optional() }));
    expect(keysOf(z.object({ tree: node }), { tree: { name: 'a', children: [{ name: 'b', extra: 1 }] } })).toEqual([
      'tree.children.0.extra',
    ]);
  });
});
