import type { Meta, StoryObj } from '@storybook/react-vite';
import '../app/features.css';
import { useEditorServices } from '../app/editor-context';
import { CompareView } from '../graphs/CompareView';
import { compareGraphs } from '../graphs/compare-graphs';
import { peopleTable, StoryEditor, storyGraph } from './StoryEditor';

const older = storyGraph(
  [
    { id: 'people', type: 'source.inline', config: peopleTable },
    { id: 'keep', type: 'transform.select', config: { columns: [{ name: 'city' }] } },
    { id: 'old', type: 'transform.select', config: { columns: [{ name: 'age' }] }, label: 'Dropped in v2' },
  ],
  [
    { from: 'people.table', to: 'keep.table' },
    { from: 'people.table', to: 'old.table' },
  ],
);
const newer = storyGraph(
  [
    { id: 'people', type: 'source.inline', config: peopleTable },
    { id: 'keep', type: 'transform.select', config: { columns: [{ name: 'city' }, { name: 'age' }] } },
    { id: 'fresh', type: 'transform.select', config: { columns: [{ name: 'churned' }] }, label: 'New in v2' },
  ],
  [
    { from: 'people.table', to: 'keep.table' },
    { from: 'people.table', to: 'fresh.table' },
  ],
);
// What the server's diff route answers for these two versions.
const comparison = compareGraphs(
  older,
  { ...newer, nodes: newer.nodes.map((n) => (n.id === 'fresh' ? { ...n, position: [300, 200] as [number, number] } : n)) },
  {
    from: 3,
    to: 4,
    nodesAdded: [{ id: 'fresh', type: 'transform.select', version: 1 }],
    nodesRemoved: [{ id: 'old', type: 'transform.select', version: 1 }],
    nodesChanged: [
      { id: 'keep', fields: [], config: [{ path: ['columns'], before: [{ name: 'city' }], after: [{ name: 'city' }, { name: 'age' }] }] },
    ],
    edgesAdded: [{ from: 'people.table', to: 'fresh.table' }],
    edgesRemoved: [{ from: 'people.table', to: 'old.table' }],
    graphFields: [],
  },
);

function Compare() {
  const editor = useEditorServices();
  return (
    <div className="app compare-app" style={{ height: 620 }}>
      <CompareView comparison={comparison} editor={editor} onRestore={() => {}} onExit={() => {}} />
    </div>
  );
}

const meta: Meta = { title: 'Graphs/Compare versions' };
export default meta;

/** v3 → v4: one node added, one removed (ghosted where it was), one with a changed config. */
export const AddedRemovedChanged: StoryObj = {
  render: () => (
    <StoryEditor graph={newer}>
      <Compare />
    </StoryEditor>
  ),
};
