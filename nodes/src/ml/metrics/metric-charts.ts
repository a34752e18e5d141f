import type { ChartValue, MetricsValue } from '@causeway/sdk';

const schema = 'https://vega.github.io/schema/vega-lite/v5.json';
/** Points kept in a residual plot; more would make the spec heavy for the canvas. */
export const maxChartPoints = 5000;

function line(title: string, x: number[], y: number[], xTitle: string, yTitle: string): ChartValue {
  return {
    title,
    width: 260,
    height: 260,
    data: { values: x.map((v, i) => ({ x: v, y: y[i] })) },
    mark: { type: 'line', interpolate: 'step-after', point: false },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: xTitle, scale: { domain: [0, 1] } },
      y: { field: 'y', type: 'quantitative', title: yTitle, scale: { domain: [0, 1] } },
    },
  };
}

function heatmap(confusion: NonNullable<MetricsValue['confusion']>): ChartValue {
  const values = confusion.matrix.flatMap((row, t) =>
    row.map((count, p) => ({ actual: confusion.labels[t], predicted: confusion.labels[p], count })),
  );
  return {
    title: 'Confusion matrix',
    width: 260,
    height: 260,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: confusion.labels },
      y: { field: 'actual', type: 'nominal', sort: confusion.labels },
    },
    layer: [
      { mark: 'rect', encoding: { color: { field: 'count', type: 'quantitative' } } },
      { mark: 'text', encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
  };
}

/**
 * Vega-Lite charts of a metrics value, side by side: ROC and precision-recall curves and the
 * confusion matrix for classifiers, a residual plot (prediction vs residual) for regressions.
 *
 * @example
 * metricCharts(metrics, residualPoints) // { $schema: '…vega-lite/v5.json', hconcat: [ … ] }
 */
export function metricCharts(
  metrics: MetricsValue,
  residualPoints?: { predicted: ArrayLike<number>; residual: ArrayLike<number> },
): ChartValue {
  const charts: ChartValue[] = [];
  const roc = metrics.curves?.roc;
  if (roc) charts.push(line('ROC curve', roc.x, roc.y, 'False positive rate', 'True positive rate'));
  const pr = metrics.curves?.pr;
  if (pr) charts.push(line('Precision-recall curve', pr.x, pr.y, 'Recall', 'Precision'));
  if (metrics.confusion) charts.push(heatmap(metrics.confusion));
  if (residualPoints) {
    const n = Math.min(residualPoints.predicted.length, maxChartPoints);
    const step = residualPoints.predicted.length / Math.max(n, 1);
    const values = Array.from({ length: n }, (_, i) => {
      const at = Math.floor(i * step);
      return { predicted: residualPoints.predicted[at], residual: residualPoints.residual[at] };
    });
    charts.push({
      title: 'Residuals',
      width: 320,
      height: 260,
      data: { values },
      layer: [
        {
          mark: { type: 'point', opacity: 0.5 },
          encoding: { x: { field: 'predicted', type: 'quantitative' }, y: { field: 'residual', type: 'quantitative' } },
        },
        { mark: { type: 'rule', color: 'gray' }, encoding: { y: { datum: 0 } } },
      ],
    });
  }
  return { $schema: schema, hconcat: charts };
}
