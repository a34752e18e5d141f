import { useEffect, useRef, useState } from 'react';

/** A Vega-Lite chart. vega-embed (hundreds of KB) loads only when a chart is shown. */
export function ChartView({ spec }: { spec: Record<string, unknown> }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let finalize: (() => void) | undefined;
    let cancelled = false;
    Promise.all([import('vega-embed'), import('vega-interpreter')])
      .then(([{ default: embed }, { expressionInterpreter }]) => {
        if (cancelled || !ref.current) return;
        // Vega's expressions are interpreted from their AST, never compiled into functions (no eval).
        return embed(ref.current, spec as never, { actions: false, ast: true, expr: expressionInterpreter }).then((result) => {
          finalize = () => result.finalize();
        });
      })
      .catch((cause: unknown) => setError(cause instanceof Error ? cause.message : String(cause)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  return error ? <p className="field-issues">The chart cannot be drawn: {error}</p> : <div ref={ref} className="chart" />;
}
