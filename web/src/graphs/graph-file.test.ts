import { describe, expect, it } from 'vitest';
import { testGraph } from '../canvas/test-nodes.test-helper';
import { loadLocal, saveLocal } from './autosave';
import { readGraphText, writeGraphText } from './graph-file';

describe('graph files and autosave', () => {
  it('round-trips a graph through file text and local storage', () => {
    const graph = testGraph();
    expect(readGraphText(writeGraphText(graph))).toEqual({ ok: true, value: graph });
    const store = new Map<string, string>();
    saveLocal({ setItem: (k, v) => void store.set(k, v) }, graph);
    expect(loadLocal({ getItem: (k) => store.get(k) ?? null })).toEqual(graph);
  });

  it('refuses hostile or malformed text with issues, never throwing', () => {
    const proto = readGraphText('{"__proto__": {"polluted": true}}');
    expect(proto.ok).toBe(false);
    if (!proto.ok) expect(proto.issues[0]?.code).toBe('GRAPH_FORBIDDEN_KEY');
    const wrong = readGraphText('{"format": "causeway.graph/1"}');
    expect(wrong.ok).toBe(false);
    expect(readGraphText('not json').ok).toBe(false);
    expect(loadLocal({ getItem: () => '{' })).toBeUndefined();
  });
});
