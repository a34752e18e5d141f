import type { ChartValue } from '@causeway/sdk';
import type { FoldResult } from './cross-validate';

const schema = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * Per-fold metrics as bars, one panel per metric, with the mean across folds as a rule.
 *
 * @example
 * foldChart(results) // { $schema: '…', hconcat: [ { title: 'accuracy', layer: [bars, mean] }, … ] }
 */
export function foldChart(results: readonly FoldResult[]): ChartValue {
  const names = Object.keys(results[0]?.values ?? {});
  return {
    $schema: schema,
    hconcat: names.map((name) => ({
      title: name,
      width: 160,
      height: 200,
      data: { values: results.map((r) => ({ fold: r.fold + 1, value: r.values[name] })) },
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'fold', type: 'ordinal', title: 'Fold' },
            y: { field: 'value', type: 'quantitative', title: name },
          },
        },
        { mark: { type: 'rule', color: 'firebrick' }, encoding: { y: { aggregate: 'mean', field: 'value', type: 'quantitative' } } },
      ],
    })),
  };
}

/**
 * Mean score (with ± one standard deviation) against each searched parameter, one panel per
 * parameter; the best configuration is drawn in a second colour.
 *
 * @example
 * searchChart(rows, ['C'], 'accuracy')
 */
export function searchChart(
  rows: readonly { params: Record<string, unknown>; mean: number; std: number; best: boolean }[],
  params: readonly string[],
  metric: string,
): ChartValue {
  return {
    $schema: schema,
    hconcat: params.map((name) => {
      const numeric = rows.every((r) => typeof r.params[name] === 'number');
      const x = { field: 'x', type: numeric ? 'quantitative' : 'nominal', title: name, ...(numeric ? { scale: { zero: false } } : {}) };
      return {
        title: `${metric} against ${name}`,
        width: 220,
        height: 200,
        data: {
          values: rows.map((r) => ({ x: r.params[name], mean: r.mean, low: r.mean - r.std, high: r.mean + r.std, best: r.best })),
        },
        layer: [
          { mark: 'rule', encoding: { x, y: { field: 'low', type: 'quantitative', title: metric }, y2: { field: 'high' } } },
          {
            mark: { type: 'point', filled: true },
            encoding: {
              x,
              y: { field: 'mean', type: 'quantitative', scale: { zero: false } },
              color: { field: 'best', type: 'nominal', title: 'best' },
            },
          },
        ],
      };
    }),
  };
}
