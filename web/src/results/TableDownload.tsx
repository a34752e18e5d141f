import { outputFileName } from './server-output';
import { useDownload } from './use-download';

export type TableFormat = 'csv' | 'parquet';

const formats: Array<{ format: TableFormat; label: string }> = [
  { format: 'csv', label: 'CSV' },
  { format: 'parquet', label: 'Parquet' },
];

/** Saves a whole table output (every row, not just the preview) as CSV or Parquet. */
export function TableDownload({ nodeId, portId, load }: { nodeId: string; portId: string; load: (format: TableFormat) => Promise<Blob> }) {
  const { busy, error, download } = useDownload();
  return (
    <span className="table-download">
      {formats.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          disabled={busy}
          aria-label={`Download ${label}`}
          onClick={() => download(outputFileName(nodeId, portId, format), () => load(format))}
        >
          ⤓ {label}
        </button>
      ))}
      {error && (
        <span className="field-issues" role="alert">
          {' '}
          The table cannot be downloaded: {error}
        </span>
      )}
    </span>
  );
}
