import type { Meta, StoryObj } from '@storybook/react-vite';
import { RunBadge } from '../components/RunBadge';
import type { NodeBadge } from '../runner/run-view';

const meta: Meta = { title: 'Runs/Badge' };
export default meta;

const badges: NodeBadge[] = [
  { state: 'queued' },
  { state: 'running', progress: 0.4, startedAt: 0 },
  { state: 'done', durationMs: 840, cached: false, outputs: {} },
  { state: 'done', durationMs: 3, cached: true, outputs: {} },
  { state: 'failed', message: 'Out of memory while sorting.', code: 'NODE_FAILED' },
  { state: 'skipped', reason: 'run failed' },
  { state: 'stale', outputs: undefined },
  { state: 'refused', message: 'Input "table" is not connected.', code: 'PORT_INPUT_MISSING' },
];

/** Every state a node's badge shows, including stale (edited since the run) and refused (not run, with the reason as its title). */
export const AllStates: StoryObj = {
  render: () => (
    <div style={{ display: 'grid', gap: 8, width: 160 }}>
      {badges.map((badge) => (
        <div key={JSON.stringify(badge)} style={{ display: 'flex' }}>
          <RunBadge badge={badge} />
        </div>
      ))}
    </div>
  ),
};
