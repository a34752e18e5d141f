import type { RunEvent } from '@causeway/sdk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { GraphCanvas } from '../components/GraphCanvas';
import { peopleTable, StoryEditor, storyGraph } from './StoryEditor';

const graph = storyGraph(
  [
    { id: 'people', type: 'source.inline', config: peopleTable },
    { id: 'keep', type: 'transform.select', config: { columns: [{ name: 'city' }] } },
    { id: 'typo', type: 'transform.select', config: { columns: [{ name: 'citty' }] }, label: 'With an issue' },
    { id: 'running', type: 'transform.select', config: { columns: [{ name: 'age' }] }, label: 'Running' },
    { id: 'failed', type: 'transform.select', config: { columns: [{ name: 'age' }] }, label: 'Failed' },
    { id: 'ghost', type: '@acme/text.tokenize' },
  ],
  [
    { from: 'people.table', to: 'keep.table' },
    { from: 'people.table', to: 'typo.table' },
    { from: 'people.table', to: 'running.table' },
    { from: 'people.table', to: 'failed.table' },
  ],
);

const events: RunEvent[] = [
  { type: 'run:start', runId: 1, at: 0, nodes: ['people', 'keep', 'running', 'failed'] },
  { type: 'node:start', runId: 1, nodeId: 'people', at: 0 },
  {
    type: 'node:done',
    runId: 1,
    nodeId: 'people',
    at: 12,
    durationMs: 12,
    cached: true,
    outputs: { table: { kind: 'table', rows: 3, schema: { columns: [] } } },
  },
  { type: 'node:start', runId: 1, nodeId: 'keep', at: 12 },
  {
    type: 'node:done',
    runId: 1,
    nodeId: 'keep',
    at: 14,
    durationMs: 2,
    cached: false,
    outputs: { table: { kind: 'table', rows: 3, schema: { columns: [] } } },
  },
  { type: 'node:start', runId: 1, nodeId: 'running', at: 12 },
  { type: 'node:progress', runId: 1, nodeId: 'running', fraction: 0.4 },
  { type: 'node:start', runId: 1, nodeId: 'failed', at: 12 },
  {
    type: 'node:error',
    runId: 1,
    nodeId: 'failed',
    at: 20,
    durationMs: 8,
    error: { code: 'NODE_FAILED', message: 'Out of memory while sorting 80M rows.' },
  },
];

const meta: Meta = { title: 'Canvas/Node card' };
export default meta;

/** Valid, with an issue, queued/running/done/cached/failed badges, and an unknown (plugin) type. */
export const States: StoryObj = {
  render: () => (
    <StoryEditor graph={graph} events={events} select={['keep']}>
      <div style={{ height: 560 }}>
        <GraphCanvas />
      </div>
    </StoryEditor>
  ),
};
