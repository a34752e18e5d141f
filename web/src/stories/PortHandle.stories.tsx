import type { Meta, StoryObj } from '@storybook/react-vite';
import { GraphCanvas } from '../components/GraphCanvas';
import { StoryEditor, storyGraph } from './StoryEditor';

const meta: Meta = { title: 'Canvas/Ports' };
export default meta;

/** One port of each kind: colour by kind, hollow when optional, square when it takes several edges. */
export const EveryKind: StoryObj = {
  render: () => (
    <StoryEditor graph={storyGraph([{ id: 'train', type: 'story.every-port' }])}>
      <div style={{ height: 360 }}>
        <GraphCanvas />
      </div>
    </StoryEditor>
  ),
};
