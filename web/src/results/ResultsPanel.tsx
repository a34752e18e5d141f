import type { MetricsValue, ReportValue } from '@causeway/sdk';
import { countText, splitEndpoint } from '@causeway/sdk';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { useServer } from '../app/server-context';
import { pinOutput } from '../graph-tests/tests-actions';
import type { ColumnProfile, PortPreview } from '../runner/runner-protocol';
import { ColumnProfileView } from './ColumnProfileView';
import { DataTable } from './DataTable';
import { ExportDownload, writtenPath } from './ExportDownload';
import { ModelDownload } from './ModelDownload';
import { outputFile } from './output-file';
import { outputFileName } from './server-output';
import { serverProfileRows } from './server-previews';
import { TableDownload } from './TableDownload';
import { MetricsView, ModelCardView, ReportView } from './ValueView';

const ChartView = lazy(() => import('./ChartView').then((m) => ({ default: m.ChartView })));

/**
 * The result of the output port the user clicked: a table (with profile), metrics, a report, a model
 * card or a chart, from the browser run or the server run on the canvas.
 */
export function ResultsPanel() {
  const { store, runner: browser } = useEditorServices();
  const server = useServer();
  const runId = useEditor((s) => s.run.runId);
  // The outputs of a server run shown on the canvas come from the server; otherwise from the browser worker.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runId decides which run the server previews belong to
  const runner = useMemo(() => server?.runs.previews ?? browser, [server, browser, runId]);
  const endpoint = useEditor((s) => s.preview);
  // A finished run refreshes the view; progress events do not.
  const runKey = useEditor((s) => `${s.run.runId}:${s.run.status}`);
  const [preview, setPreview] = useState<PortPreview | undefined>();
  const [tab, setTab] = useState<'data' | 'profile'>('data');
  const [profiles, setProfiles] = useState<ColumnProfile[]>([]);
  const target = endpoint ? splitEndpoint(endpoint) : undefined;
  const nodeId = target?.node;
  const portId = target?.port;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runKey re-fetches after each run
  useEffect(() => {
    setPreview(undefined);
    setProfiles([]);
    if (!nodeId || !portId) return;
    let live = true;
    runner.preview(nodeId, portId, 0, 500).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setPreview({ kind: 'missing', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [nodeId, portId, runKey, runner]);

  useEffect(() => {
    if (tab !== 'profile' || !nodeId || !portId || preview?.kind !== 'table') return;
    let live = true;
    runner.profile(nodeId, portId).then((p) => live && setProfiles(p));
    return () => {
      live = false;
    };
  }, [tab, preview, runner, nodeId, portId]);

  const fetchPage = useCallback(
    (offset: number, limit: number) =>
      nodeId && portId
        ? runner.preview(nodeId, portId, offset, limit).then((p) => {
            if (p.kind !== 'table') throw new Error('The output is no longer a table.');
            return p;
          })
        : Promise.reject(new Error('No port')),
    [runner, nodeId, portId],
  );

  if (!endpoint) return null;
  return (
    <section className="results" aria-label={`Result of ${endpoint}`}>
      <header>
        <h2>{endpoint}</h2>
        {preview?.kind === 'table' && (
          <>
            <span className="row-count" data-testid="row-count">
              {countText(preview.totalRows, 'row')} × {countText(preview.schema.columns.length, 'column')}
            </span>
            <div role="tablist" aria-label="Views">
              <button type="button" role="tab" aria-selected={tab === 'data'} onClick={() => setTab('data')}>
                Data
              </button>
              <button type="button" role="tab" aria-selected={tab === 'profile'} onClick={() => setTab('profile')}>
                Profile
              </button>
            </div>
            {nodeId && portId && (
              <button
                type="button"
                title="Add a test case whose expected output is this table as it is now"
                onClick={() => void pinOutput({ store, browser, source: runner, server }, { nodeId, portId, totalRows: preview.totalRows })}
              >
                Pin as expected
              </button>
            )}
            {nodeId && portId && (
              <TableDownload
                nodeId={nodeId}
                portId={portId}
                load={(format) => outputFile(runner, browser, { nodeId, portId, totalRows: preview.totalRows }, format)}
              />
            )}
          </>
        )}
        <button type="button" className="close" aria-label="Close results" onClick={() => store.showPreview(undefined)}>
          ✕
        </button>
      </header>
      <div
        className="results-body"
        // The data table scrolls itself (and takes the focus); anything else scrolls here, by keyboard too.
        tabIndex={preview?.kind === 'table' && tab === 'data' ? undefined : 0}
      >
        {!preview && <p className="muted">Loading…</p>}
        {preview?.kind === 'missing' && <p className="muted">{preview.message}</p>}
        {preview?.kind === 'table' &&
          (tab === 'data' ? (
            <DataTable
              key={`${endpoint}:${runKey}`}
              totalRows={preview.totalRows}
              schema={preview.schema}
              fetchPage={fetchPage}
              firstPage={preview}
            />
          ) : (
            <>
              {runner !== browser && preview.totalRows > serverProfileRows && (
                <p className="muted">Profile of the first {serverProfileRows.toLocaleString('en')} rows stored on the server.</p>
              )}
              <ColumnProfileView profiles={profiles} />
            </>
          ))}
        {preview?.kind === 'metrics' && <MetricsView value={preview.value as MetricsValue} />}
        {preview?.kind === 'report' && <ReportView value={preview.value as ReportValue} />}
        {preview?.kind === 'model' && (
          <ModelCardView card={preview.card} bytes={preview.bytes}>
            {nodeId && portId && (
              <ModelDownload
                nodeId={nodeId}
                portId={portId}
                load={() => outputFile(runner, browser, { nodeId, portId, totalRows: 0 }, 'onnx')}
              />
            )}
          </ModelCardView>
        )}
        {preview?.kind === 'chart' && (
          <Suspense fallback={<p className="muted">Loading the chart library…</p>}>
            <ChartView
              spec={preview.value as Record<string, unknown>}
              {...(nodeId && portId ? { fileNameOf: (extension: string) => outputFileName(nodeId, portId, extension) } : {})}
            />
          </Suspense>
        )}
        {preview?.kind === 'value' && <pre className="mono">{JSON.stringify(preview.value, null, 2)}</pre>}
        {preview?.kind === 'value' && runner === browser && writtenPath(preview.value) !== undefined && (
          <ExportDownload browser={browser} path={writtenPath(preview.value) as string} runKey={runKey} />
        )}
      </div>
    </section>
  );
}
