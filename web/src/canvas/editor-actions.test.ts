import { describe, expect, it } from 'vitest';
import { addNodeOfType, copyText, deleteSelection, pasteText } from './editor-actions';
import { newCardSize } from './free-spot';
import { testStore } from './test-nodes.test-helper';

describe('editor actions', () => {
  it('quick-adds a node after the selected one and connects the first port that fits', () => {
    const store = testStore();
    const id = addNodeOfType(store, 'test.keep', [500, 100], 'pick');
    expect(id).toBe('keep');
    expect(store.getState().graph.edges).toContainEqual({ from: 'pick.table', to: 'keep.table' });
    expect(store.getState().graph.nodes.find((n) => n.id === 'keep')?.config).toEqual({ column: '' });
    expect([...store.getState().selection]).toEqual(['keep']);
    store.undo();
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['load', 'pick', 'fit']);
  });

  it('gives a new node the schema defaults and refuses unknown types with a notice', () => {
    const store = testStore();
    addNodeOfType(store, 'test.source', [0, 0]);
    expect(store.getState().graph.nodes.at(-1)).toMatchObject({ id: 'source', config: { columns: ['a', 'b'] } });
    expect(addNodeOfType(store, 'nope.nothing', [0, 0])).toBeUndefined();
    expect(store.getState().notice).toMatch(/Unknown node type/);
  });

  it('deletes selected nodes and edges, and a cut-and-paste round trip restores the structure', () => {
    const store = testStore();
    store.select(['load', 'pick']);
    const text = copyText(store) as string;
    deleteSelection(store);
    expect(store.getState().graph.nodes.map((n) => n.id)).toEqual(['fit']);
    pasteText(store, text);
    expect(
      store
        .getState()
        .graph.nodes.map((n) => n.id)
        .sort(),
    ).toEqual(['fit', 'load', 'pick']);
    expect(store.getState().graph.edges).toEqual([{ from: 'load.table', to: 'pick.table' }]);
    store.select(['load.table->pick.table']);
    deleteSelection(store);
    expect(store.getState().graph.edges).toEqual([]);
    expect(store.getState().graph.nodes).toHaveLength(3);
  });

  it('pastes a copy where it covers no card, even one measured taller than the default', () => {
    const store = testStore();
    store.select(['load', 'pick']);
    const text = copyText(store) as string;
    const sizes = new Map([['fit', { width: 220, height: 400 }]]);
    pasteText(store, text, sizes);
    const { nodes } = store.getState().graph;
    const pasted = nodes.filter((n) => store.getState().selection.has(n.id));
    expect(pasted.map((n) => n.id)).toEqual(['load_2', 'pick_2']);
    const box = (n: (typeof nodes)[number]) => ({ x: n.position[0], y: n.position[1], ...newCardSize, ...sizes.get(n.id) });
    for (const a of pasted)
      for (const b of nodes.filter((n) => !pasted.includes(n))) {
        const [p, q] = [box(a), box(b)];
        expect(p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height && q.y < p.y + p.height, `${a.id} over ${b.id}`).toBe(
          false,
        );
      }
  });
});
