import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyValueOf, formOf, labelOf } from './form-model';

describe('formOf', () => {
  const zodConfig = z
    .object({
      where: z.string().meta({ ui: 'expression' }).describe('e.g. age > 30'),
      test: z.number().min(0).max(1).default(0.2),
      seed: z.number().int().optional(),
      method: z.enum(['mean', 'median']),
      keepNulls: z.boolean().default(false),
      target: z.string().meta({ ui: 'column' }),
      features: z.array(z.string().meta({ ui: 'column' })),
      columns: z.array(z.object({ name: z.string().meta({ ui: 'column' }), as: z.string().optional() })).min(1),
      token: z.union([z.string(), z.object({ $secret: z.string() })]),
      extra: z.record(z.string(), z.unknown()),
      rows: z.array(z.array(z.unknown())),
    })
    .superRefine(() => {});
  // What a node descriptor carries (describeNode writes the input shape, so defaulted fields are optional).
  const config = z.toJSONSchema(zodConfig, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;

  it('turns each zod field and UI hint into the matching form field', () => {
    const byKey = Object.fromEntries(formOf(config).map((p) => [p.key, p]));
    expect(byKey.where?.field).toEqual({ kind: 'expression' });
    expect(byKey.where?.description).toBe('e.g. age > 30');
    expect(byKey.test?.field).toEqual({ kind: 'number', integer: false, min: 0, max: 1 });
    expect(byKey.test).toMatchObject({ required: false, default: 0.2 });
    expect(byKey.seed).toMatchObject({ required: false, field: { kind: 'number', integer: true } });
    expect(byKey.method?.field).toEqual({ kind: 'enum', options: ['mean', 'median'] });
    expect(byKey.keepNulls).toMatchObject({ label: 'Keep nulls', field: { kind: 'boolean' } });
    expect(byKey.target?.field).toEqual({ kind: 'column', multiple: false });
    expect(byKey.features?.field).toEqual({ kind: 'column', multiple: true });
    expect(byKey.columns?.field).toMatchObject({ kind: 'array', min: 1, item: { kind: 'object' } });
    expect(byKey.token?.field).toEqual({ kind: 'secret' });
    expect(byKey.extra?.field).toEqual({ kind: 'json', empty: {} });
    expect(byKey.rows?.field).toEqual({ kind: 'json', empty: [] });
    expect(byKey.where?.required).toBe(true);
  });

  it('caches forms per schema and gives array items a valid start value', () => {
    expect(formOf(config)).toBe(formOf(config));
    const columns = formOf(config).find((p) => p.key === 'columns');
    if (columns?.field.kind !== 'array') throw new Error('columns is an array field');
    expect(emptyValueOf(columns.field.item)).toEqual({ name: '' });
  });

  it('gives a config JSON Schema cannot describe a raw JSON editor for the whole config', () => {
    expect(formOf({})).toEqual([expect.objectContaining({ key: '', field: { kind: 'json', empty: null } })]);
  });

  it('labels keys for people', () => {
    expect(labelOf('minRows')).toBe('Min rows');
    expect(labelOf('test_size')).toBe('Test size');
  });
});
