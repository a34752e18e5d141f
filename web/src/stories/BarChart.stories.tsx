import type { Meta, StoryObj } from '@storybook/react-vite';
import '../app/features.css';
import { BarChart } from '../components/BarChart';

const meta: Meta = { title: 'Pages/Bar chart' };
export default meta;

/** The Endpoints page's two charts: traffic per version (a 10 % canary) and latency percentiles; an empty chart says so. */
export const EndpointFigures: StoryObj = {
  render: () => (
    <div className="charts">
      <BarChart
        title="Traffic split: requests per version"
        bars={[
          { label: 'v3 (active)', value: 1_812, text: '1,812 (90%)' },
          { label: 'v4 (canary)', value: 198, text: '198 (10%)' },
        ]}
      />
      <BarChart
        title="Latency percentiles"
        bars={[
          { label: 'p50', value: 0.8, text: '0.80 ms' },
          { label: 'p95', value: 2.1, text: '2.10 ms' },
          { label: 'p99', value: 6.4, text: '6.40 ms' },
          { label: 'max', value: 31, text: '31 ms' },
        ]}
      />
      <BarChart title="Nothing served yet" bars={[]} />
    </div>
  ),
};
