import type { Meta, StoryObj } from '@storybook/react-vite';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { ColumnProfileView } from '../results/ColumnProfileView';
import { DataTable } from '../results/DataTable';
import { MetricsView, ModelCardView, ReportView } from '../results/ValueView';
import type { TablePage } from '../runner/runner-protocol';

const meta: Meta = { title: 'Results/Data preview' };
export default meta;

const totalRows = 100_000;
const schema = {
  columns: [
    { name: 'id', type: 'integer' as const, nullable: false },
    { name: 'score', type: 'number' as const, nullable: true },
    { name: 'segment', type: 'string' as const, nullable: false },
  ],
};

/** Rows made on demand, as the worker would send them: Arrow IPC pages. */
async function fetchPage(offset: number, limit: number): Promise<TablePage> {
  const n = Math.max(0, Math.min(limit, totalRows - offset));
  const id = Int32Array.from({ length: n }, (_, i) => offset + i);
  const score = Array.from({ length: n }, (_, i) => ((offset + i) % 7 === 0 ? null : Math.sin(offset + i) * 100));
  const segment = Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][(offset + i) % 3] as string);
  return {
    kind: 'table',
    totalRows,
    offset,
    schema,
    ipc: tableToIPC(tableFromArrays({ id, score: Float64Array.from(score, (x) => x ?? Number.NaN), segment })),
  };
}

/** A 100,000-row table: only the visible rows are drawn. */
export const VirtualizedTable: StoryObj = {
  render: () => (
    <div style={{ height: 400 }}>
      <DataTable totalRows={totalRows} schema={schema} fetchPage={fetchPage} />
    </div>
  ),
};

export const ColumnProfile: StoryObj = {
  render: () => (
    <ColumnProfileView
      profiles={[
        {
          name: 'score',
          type: 'number',
          rows: 100_000,
          nulls: 14_286,
          distinct: 85_714,
          histogram: { min: -100, max: 100, counts: [9, 7, 6, 5, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 6, 7, 9].map((x) => x * 500) },
        },
        {
          name: 'segment',
          type: 'string',
          rows: 100_000,
          nulls: 0,
          distinct: 3,
          top: [
            { value: 'a', count: 33_334 },
            { value: 'b', count: 33_333 },
            { value: 'c', count: 33_333 },
          ],
        },
      ]}
    />
  ),
};

export const Metrics: StoryObj = {
  render: () => (
    <MetricsView
      value={{
        values: { auc: 0.913, accuracy: 0.874, rows: 20_000 },
        confusion: {
          labels: ['no', 'yes'],
          matrix: [
            [15_210, 890],
            [1_630, 2_270],
          ],
        },
      }}
    />
  ),
};

/** A model's own metrics: measured on its training rows, and labelled so. */
export const TrainingMetrics: StoryObj = {
  render: () => <MetricsView value={{ values: { rows: 20_000, log_loss: 0.3125, accuracy: 0.9012 }, dataset: 'train' }} />,
};

/** A date column's histogram reads its range as dates, not epoch milliseconds. */
export const DateProfile: StoryObj = {
  render: () => (
    <ColumnProfileView
      profiles={[
        {
          name: 'date',
          type: 'date',
          rows: 1_461,
          nulls: 0,
          distinct: 1_461,
          histogram: { min: Date.UTC(2012, 0, 1), max: Date.UTC(2015, 11, 31), counts: new Array(20).fill(73) },
        },
      ]}
    />
  ),
};

export const Report: StoryObj = {
  render: () => (
    <ReportView
      value={{
        passed: false,
        summary: '1 of 3 checks failed',
        checks: [
          { name: 'auc ≥ 0.85', passed: true, message: 'auc is 0.913' },
          { name: 'no nulls in target', passed: true, message: '0 nulls' },
          { name: 'drift < 0.1', passed: false, message: 'PSI of "income" is 0.23' },
        ],
      }}
    />
  ),
};

export const ModelCard: StoryObj = {
  render: () => (
    <ModelCardView
      bytes={48_213}
      card={{
        task: 'classification',
        target: 'churned',
        classes: ['no', 'yes'],
        features: [
          { name: 'age', type: 'integer' },
          { name: 'city', type: 'category' },
        ],
        metrics: { auc: 0.913 },
      }}
    />
  ),
};
