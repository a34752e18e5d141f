import { describe, expect, it } from 'vitest';
import { paletteGroups } from './palette-items';
import { testRegistry } from './test-nodes.test-helper';

describe('paletteGroups', () => {
  it('groups node types by category in palette order', () => {
    const groups = paletteGroups(testRegistry(), '');
    expect(groups.map((g) => g.category)).toEqual(['source', 'transform', 'model']);
    expect(groups[1]?.items.map((i) => i.type)).toEqual(['test.keep', 'test.union']);
  });

  it('filters by every word over title, type and description', () => {
    expect(paletteGroups(testRegistry(), 'stacks').flatMap((g) => g.items.map((i) => i.type))).toEqual(['test.union']);
    expect(paletteGroups(testRegistry(), 'keep column').flatMap((g) => g.items.map((i) => i.type))).toEqual(['test.keep']);
    expect(paletteGroups(testRegistry(), 'zzz')).toEqual([]);
  });
});
