import { describe, expect, it } from 'vitest';
import { characterCount } from './character-count';
import { checkJsonValue } from './check-json-value';
import { parseGraph } from './parse-graph';
import { graphLimits } from './schema';

const limits = { ...graphLimits, stringLength: 10 };

describe('length limits count and report characters (code points), as zod and JSON Schema do', () => {
  it('counts an emoji as one character', () => {
    expect(characterCount('🚀a')).toBe(2);
  });

  it('takes a string of 10 emoji (20 UTF-16 units) under a limit of 10, and reports 11 as 11 characters', () => {
    expect(checkJsonValue({ s: '🚀'.repeat(10) }, limits)).toEqual([]);
    expect(checkJsonValue({ s: '🚀'.repeat(11) }, limits).map((i) => i.message)).toEqual([
      expect.stringContaining('a string of 11 characters is longer than the limit of 10'),
    ]);
    expect(checkJsonValue({ ['🚀'.repeat(11)]: 1 }, limits).map((i) => i.message)).toEqual([
      expect.stringContaining('a key of 11 characters'),
    ]);
  });

  it('describes a graph name that is too long by its characters', () => {
    const parsed = parseGraph(JSON.stringify({ format: 'causeway.graph/1', id: 'g', name: '🚀'.repeat(201), nodes: [], edges: [] }));
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.message)).toEqual([expect.stringContaining('a string of 201 characters')]);
  });
});
