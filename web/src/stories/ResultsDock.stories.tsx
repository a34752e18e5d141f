import type { Meta, StoryObj } from '@storybook/react-vite';
import { ResultsDock } from '../components/ResultsDock';

const meta: Meta = { title: 'Results/Dock' };
export default meta;

/** Drag the bar, or focus it and use the arrow keys (Shift for big steps, Home, End); the height is remembered. */
export const Resizable: StoryObj = {
  render: () => (
    <div style={{ height: 600, display: 'flex', flexDirection: 'column', justifyContent: 'flex-end' }}>
      <ResultsDock open>
        <section className="results" aria-label="Result of load.table">
          <header>
            <h2>load.table</h2>
          </header>
          <div className="results-body">
            <p className="muted">The result of the port shown here.</p>
          </div>
        </section>
      </ResultsDock>
    </div>
  ),
};
