import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-client';
import { conflictComparison, conflictText, conflictVersions } from './save-conflict';

const node = (id: string, x = 0) => ({ id, type: 'source.inline', version: 1, config: {}, position: [x, 0] as [number, number] });
const graph = (nodes: ReturnType<typeof node>[]): Graph => ({ format: 'causeway.graph/1', id: 'g', name: 'G', nodes, edges: [] }) as Graph;

describe('save conflicts', () => {
  it('reads the versions of a GRAPH_VERSION_CONFLICT and nothing else', () => {
    const details = { baseVersion: 1, latestVersion: 2, latestAuthor: 'ana' };
    expect(conflictVersions(new ApiError(409, 'GRAPH_VERSION_CONFLICT', 'x', details))).toEqual(details);
    expect(conflictVersions(new ApiError(409, 'GRAPH_HAS_DEPENDENTS', 'x', details))).toBeUndefined();
    expect(conflictVersions(new ApiError(409, 'GRAPH_VERSION_CONFLICT', 'x', { latestVersion: 'two' }))).toBeUndefined();
    expect(conflictVersions(new Error('network'))).toBeUndefined();
  });

  it('compares theirs against mine: what they added, what only I have, what changed', () => {
    const mine = graph([node('a'), node('mine')]);
    const theirs = graph([node('a', 50), node('theirs')]);
    const conflict = { mine, theirs, baseVersion: 3, latestVersion: 4, latestAuthor: null };
    const comparison = conflictComparison(conflict);
    expect(Object.fromEntries(comparison.marks)).toEqual({ a: 'changed', theirs: 'added', mine: 'removed' });
    expect([comparison.from, comparison.to]).toEqual([3, 4]);
    expect(conflictText(conflict)).toBe('Not saved: someone saved version 4 after version 3, which your edit started from.');
  });
});
