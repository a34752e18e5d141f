import type { ModelCard } from '@causeway/sdk';
import { describe, expect, test } from 'vitest';
import { inputMismatches } from './input-compatibility';

const card = (features: Record<string, string>) =>
  ({ task: 'classification', features: Object.entries(features).map(([name, type]) => ({ name, type })) }) as ModelCard;

describe('inputMismatches', () => {
  test('names each field the candidate requires that the active version does not take', () => {
    const active = card({ age: 'number', visits: 'integer', member: 'boolean', plan: 'category' });
    const candidate = card({ age: 'number', visits: 'integer', member: 'boolean', plan: 'category', tenure: 'number', region: 'string' });
    expect(inputMismatches(active, candidate)).toEqual([
      { field: 'tenure', problem: 'is required by the candidate; the active version does not take it' },
      { field: 'region', problem: 'is required by the candidate; the active version does not take it' },
    ]);
  });

  test('names a field whose type the candidate would refuse', () => {
    const active = card({ age: 'number', member: 'boolean', joined: 'date' });
    const candidate = card({ age: 'integer', member: 'string', joined: 'date' });
    expect(inputMismatches(active, candidate)).toEqual([
      { field: 'age', problem: 'is integer in the candidate, number in the active version' },
      { field: 'member', problem: 'is string in the candidate, boolean in the active version' },
    ]);
  });

  test('fewer fields, text of either kind and integers read as numbers are compatible', () => {
    const active = card({ age: 'integer', plan: 'string', visits: 'number' });
    expect(inputMismatches(active, card({ age: 'number', plan: 'category' }))).toEqual([]);
  });
});
