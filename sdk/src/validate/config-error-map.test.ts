import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configErrorMap } from './config-error-map';

const column = z.string().min(1).meta({ ui: 'column' });
const config = z.object({
  target: z.string().min(1),
  name: z.string().min(3).max(5).optional(),
  features: z.array(column).min(1).optional(),
  picked: z.array(z.string()).min(2).meta({ ui: 'columns' }).optional(),
  columns: z
    .array(z.object({ name: column, as: z.string().optional() }))
    .min(1)
    .optional(),
  rows: z.array(z.number()).min(1).max(2).optional(),
  test: z.number().gt(0).lt(1).optional(),
  seed: z.number().int().min(0).optional(),
  method: z.enum(['mean', 'median']).optional(),
  where: z
    .string()
    .refine((s) => s !== 'bad', 'not that one')
    .optional(),
});

const messages = (value: unknown) => {
  const parsed = config.safeParse(value, { error: configErrorMap });
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('configErrorMap', () => {
  it('says what to do in plain words', () => {
    expect(messages({})).toEqual({ target: 'Required' });
    expect(messages({ target: '' })).toEqual({ target: 'Required' });
    expect(messages({ target: 3 })).toEqual({ target: 'Enter text' });
    expect(messages({ target: 'y', name: 'ab' })).toEqual({ name: 'At least 3 characters' });
    expect(messages({ target: 'y', name: 'abcdef' })).toEqual({ name: 'At most 5 characters' });
    expect(messages({ target: 'y', test: 1 })).toEqual({ test: 'Must be less than 1' });
    expect(messages({ target: 'y', test: 0 })).toEqual({ test: 'Must be more than 0' });
    expect(messages({ target: 'y', test: 'x' })).toEqual({ test: 'Enter a number' });
    expect(messages({ target: 'y', seed: 1.5 })).toEqual({ seed: 'Enter a whole number' });
    expect(messages({ target: 'y', seed: -1 })).toEqual({ seed: 'Must be at least 0' });
    expect(messages({ target: 'y', method: 'mode' })).toEqual({ method: 'Choose one of: mean, median' });
  });

  it('asks for columns where a list holds columns, and items elsewhere', () => {
    expect(messages({ target: 'y', features: [] })).toEqual({ features: 'Pick at least one column' });
    expect(messages({ target: 'y', picked: ['a'] })).toEqual({ picked: 'Pick at least 2 columns' });
    expect(messages({ target: 'y', columns: [] })).toEqual({ columns: 'Pick at least one column' });
    expect(messages({ target: 'y', rows: [] })).toEqual({ rows: 'Add at least one item' });
    expect(messages({ target: 'y', rows: [1, 2, 3] })).toEqual({ rows: 'At most 2 items' });
  });

  it('keeps the messages written into a schema', () => {
    expect(messages({ target: 'y', where: 'bad' })).toEqual({ where: 'not that one' });
  });
});
