import { useEffect, useRef, useState } from 'react';
import type { View } from 'vega';
import { useDownload } from './use-download';

/** A drawn chart's view, able to give its picture as SVG text or a canvas. */
type ChartPicture = Pick<View, 'toSVG' | 'toCanvas'>;

async function pngOf(view: ChartPicture): Promise<Blob> {
  const canvas = (await view.toCanvas(2)) as unknown as HTMLCanvasElement;
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'),
  );
}

/**
 * A Vega-Lite chart, with SVG and PNG downloads when `fileNameOf` names their files.
 * vega-embed (hundreds of KB) loads only when a chart is shown.
 */
export function ChartView({ spec, fileNameOf }: { spec: Record<string, unknown>; fileNameOf?: (extension: 'svg' | 'png') => string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [view, setView] = useState<ChartPicture | undefined>();
  const { busy, error: downloadError, download } = useDownload();
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    setView(undefined);
    Promise.all([import('vega-embed'), import('vega-interpreter')])
      .then(([{ default: embed }, { expressionInterpreter }]) => {
        if (cancelled || !ref.current) return;
        // Vega's expressions are interpreted from their AST, never compiled into functions (no eval).
        return embed(ref.current, spec as never, { actions: false, ast: true, expr: expressionInterpreter }).then((result) => {
          finalize = () => result.finalize();
          if (!cancelled) setView(result.view);
        });
      })
      .catch((cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  if (error) return <p className="field-issues">The chart cannot be drawn: {error}</p>;
  return (
    <>
      <div ref={ref} className="chart" />
      {fileNameOf && view && (
        <p className="chart-download">
          <button
            type="button"
            disabled={busy}
            onClick={() => download(fileNameOf('svg'), async () => new Blob([await view.toSVG()], { type: 'image/svg+xml' }))}
          >
            Download SVG
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => download(fileNameOf('png'), () => pngOf(view))}>
            Download PNG
          </button>
          {downloadError && <span className="field-issues"> The chart cannot be saved: {downloadError}</span>}
        </p>
      )}
    </>
  );
}
