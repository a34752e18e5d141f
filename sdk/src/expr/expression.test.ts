import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expression } from './expression';

describe('expression()', () => {
  it('is a bounded string marked for the expression editor, with describe passed through', () => {
    const schema = z.object({ where: expression({ returns: 'boolean' }).describe('e.g. age > 30') });
    const json = z.toJSONSchema(schema) as unknown as { properties: { where: Record<string, unknown> } };
    expect(json.properties.where).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 10_000,
      ui: 'expression',
      returns: 'boolean',
      description: 'e.g. age > 30',
    });
    expect(schema.safeParse({ where: '' }).success).toBe(false);
    expect(schema.safeParse({ where: 'x'.repeat(10_001) }).success).toBe(false);
    expect(schema.safeParse({ where: 'age > 30' }).success).toBe(true);
  });

  it('defaults to any result type', () => {
    expect(expression().meta()).toEqual({ ui: 'expression', returns: 'any' });
  });
});
