import type { OutputSummary, RunEvent } from '@causeway/sdk';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { RunTimeline } from '../components/RunTimeline';
import { idleRun, reduceRun } from '../runner/run-view';

const meta: Meta = { title: 'Runs/Timeline' };
export default meta;

const summary: OutputSummary = { kind: 'table', rows: 1000, schema: { columns: [] } };
const events: RunEvent[] = [
  { type: 'run:start', runId: 1, at: 0, nodes: ['load', 'clean', 'split', 'train', 'evaluate'] },
  { type: 'node:start', runId: 1, nodeId: 'load', at: 0 },
  { type: 'node:done', runId: 1, nodeId: 'load', at: 5, durationMs: 5, cached: true, outputs: { table: summary } },
  { type: 'node:start', runId: 1, nodeId: 'clean', at: 5 },
  { type: 'node:done', runId: 1, nodeId: 'clean', at: 240, durationMs: 235, cached: false, outputs: { table: summary } },
  { type: 'node:start', runId: 1, nodeId: 'split', at: 240 },
  { type: 'node:done', runId: 1, nodeId: 'split', at: 300, durationMs: 60, cached: false, outputs: { table: summary } },
  { type: 'node:start', runId: 1, nodeId: 'train', at: 300 },
  { type: 'node:progress', runId: 1, nodeId: 'train', fraction: 0.6 },
  { type: 'node:start', runId: 1, nodeId: 'evaluate', at: 300 },
  { type: 'node:error', runId: 1, nodeId: 'evaluate', at: 410, durationMs: 110, error: { code: 'NODE_FAILED', message: 'no rows' } },
];

/** Cached, done, running and failed nodes on one time axis. */
export const MidRun: StoryObj = { render: () => <RunTimeline run={events.reduce(reduceRun, idleRun)} /> };
