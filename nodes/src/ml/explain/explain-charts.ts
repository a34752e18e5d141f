import type { ChartValue } from '@causeway/sdk';
import type { FeatureImportance } from './importance';
import type { PartialDependence } from './partial-dependence';

const schema = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * A bar per feature (largest first) of its permutation importance with ± one standard deviation,
 * then one line chart of partial dependence per chosen feature.
 *
 * @example
 * explainChart(importances, 'accuracy', [pd]) // { $schema: '…', vconcat: [bars, { hconcat: [pd charts] }] }
 */
export function explainChart(
  importances: readonly FeatureImportance[],
  metric: string,
  dependence: readonly PartialDependence[],
): ChartValue {
  const ranked = [...importances].sort((a, b) => b.mean - a.mean);
  const bars: ChartValue = {
    title: `Permutation importance (drop in ${metric})`,
    width: 320,
    height: Math.max(60, 18 * ranked.length),
    data: { values: ranked.map((i) => ({ feature: i.feature, importance: i.mean, low: i.mean - i.std, high: i.mean + i.std })) },
    encoding: { y: { field: 'feature', type: 'nominal', sort: ranked.map((i) => i.feature), title: null } },
    layer: [
      { mark: 'bar', encoding: { x: { field: 'importance', type: 'quantitative', title: `drop in ${metric}` } } },
      { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } } },
    ],
  };
  const lines = dependence.map((pd) => {
    const numeric = pd.grid.every((g) => typeof g === 'number');
    const values = Object.entries(pd.series).flatMap(([series, ys]) => pd.grid.map((x, k) => ({ x, y: ys[k], series })));
    return {
      title: `Partial dependence on ${pd.feature}`,
      width: 240,
      height: 200,
      data: { values },
      mark: numeric ? { type: 'line', point: true } : 'bar',
      encoding: {
        x: { field: 'x', type: numeric ? 'quantitative' : 'nominal', title: pd.feature },
        y: { field: 'y', type: 'quantitative', title: 'mean prediction', scale: { zero: false } },
        ...(Object.keys(pd.series).length > 1 ? { color: { field: 'series', type: 'nominal' } } : {}),
        ...(numeric ? {} : { xOffset: { field: 'series' } }),
      },
    };
  });
  return { $schema: schema, vconcat: lines.length > 0 ? [bars, { hconcat: lines }] : [bars] };
}
