import type { Meta, StoryObj } from '@storybook/react-vite';
import { ModelDownload } from '../results/ModelDownload';
import { TableDownload } from '../results/TableDownload';

const meta: Meta = { title: 'Results/Downloads' };
export default meta;

const csv = () => Promise.resolve(new Blob(['city,day\nOslo,2012-01-01\n'], { type: 'text/csv' }));

/** The CSV and Parquet buttons of a table preview (this story saves a two-line CSV whatever is asked). */
export const Table: StoryObj = { render: () => <TableDownload nodeId="clean" portId="table" load={csv} /> };

/** A table whose file cannot be made: the reason is said beside the buttons. */
export const TableFailing: StoryObj = {
  render: () => (
    <TableDownload
      nodeId="clean"
      portId="table"
      load={() => Promise.reject(new Error('"clean.table" has no result yet: run the graph.'))}
    />
  ),
};

/** A model's ONNX download. */
export const Model: StoryObj = {
  render: () => <ModelDownload nodeId="train" portId="model" load={() => Promise.resolve(new Blob([new Uint8Array(8)]))} />,
};
