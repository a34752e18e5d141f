// Headline figures first, in the order people compare models by; then the rest by name; rows last.
const headline = [
  'auc',
  'accuracy',
  'f1_macro',
  'precision_macro',
  'recall_macro',
  'f1_weighted',
  'precision_weighted',
  'recall_weighted',
  'log_loss',
  'r2',
  'rmse',
  'mae',
  'mse',
  'silhouette',
  'inertia',
];
const rank = new Map(headline.map((name, i) => [name, i]));
const rankOf = (name: string) => (name === 'rows' ? headline.length + 1 : (rank.get(name) ?? headline.length));

/**
 * Compares two metric names in the one order every view lists metrics (see {@link orderMetrics}), for `sort`.
 *
 * @example
 * ['rows', 'rmse', 'r2'].sort(compareMetricNames) // ['r2', 'rmse', 'rows']
 */
export function compareMetricNames(a: string, b: string): number {
  return rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Metric values in the one order every view shows them: headline metrics first (AUC, accuracy, F1 …,
 * R², RMSE …), then the others by name (per-class figures such as `precision.yes`), `rows` last. The
 * order of the object's keys does not matter, so a value read back from a database that reorders
 * keys shows as it did when computed.
 *
 * @example
 * orderMetrics({ rows: 10, log_loss: 0.3, accuracy: 0.9, auc: 0.95 }) // [['auc', 0.95], ['accuracy', 0.9], ['log_loss', 0.3], ['rows', 10]]
 */
export function orderMetrics(values: Readonly<Record<string, number>>): Array<[string, number]> {
  return Object.entries(values).sort(([a], [b]) => compareMetricNames(a, b));
}
