import type { ColumnSchema, ColumnType, TableSchema } from './table-schema';

/**
 * A feature a model reads, as recorded in its card.
 *
 * @example
 * const feature: ModelFeature = { name: 'plan', type: 'category', stats: { frequencies: { basic: 0.7, pro: 0.3 } } };
 */
export interface ModelFeature {
  name: string;
  type: ColumnType;
  /** Training statistics for drift checks: for numbers a histogram, for categories frequencies. */
  stats?: Record<string, unknown>;
}

/**
 * The model card that rides with every model: what it predicts and from what.
 *
 * @example
 * const card: ModelCard = { task: 'classification', features: [{ name: 'age', type: 'number' }], target: 'churn', classes: ['no', 'yes'], metrics: { auc: 0.91 } };
 */
export interface ModelCard {
  task: 'classification' | 'regression' | 'clustering' | 'other';
  features: ModelFeature[];
  target?: string;
  classes?: string[];
  metrics?: Record<string, number>;
  [extra: string]: unknown;
}

/**
 * The value on a `model` port: the ONNX file and its card.
 *
 * @example
 * const model: ModelValue = { onnx: bytes, card: { task: 'regression', features: [{ name: 'x', type: 'number' }] } };
 */
export interface ModelValue {
  onnx: Uint8Array;
  card: ModelCard;
  /** Registered models only: the row-wise nodes that turn raw rows into the model's features. */
  scoringPath?: ScoringPath;
}

/**
 * One row-wise node of a {@link ScoringPath}: its type, config as it ran, and the state it applied
 * (impute, encode, scale, bin).
 *
 * @example
 * const step: ScoringStep = { node: 'months', type: 'transform.date-parts', version: 1, config: { column: 'signup', parts: ['month'] } };
 */
export interface ScoringStep {
  node: string;
  type: string;
  version: number;
  config: unknown;
  fitted?: unknown;
}

/**
 * How raw rows become a model's features: the raw columns read (`inputs`, the ones that change the
 * features; `fill`, read by the path but not by the model, given as nulls when absent), the steps in
 * order, the row-selecting nodes scoring passes by, and whether the ONNX file holds the steps too.
 *
 * @example
 * const path: ScoringPath = { inputs: [{ name: 'signup', type: 'date', nullable: true }], fill: [], steps: [step], skipped: ['split'], inOnnx: false };
 */
export interface ScoringPath {
  inputs: ColumnSchema[];
  fill: ColumnSchema[];
  steps: ScoringStep[];
  skipped: string[];
  inOnnx: boolean;
}

/**
 * A named curve, e.g. ROC: parallel x and y arrays.
 *
 * @example
 * const roc: Curve = { x: [0, 0.2, 1], y: [0, 0.7, 1], xLabel: 'false positive rate', yLabel: 'true positive rate' };
 */
export interface Curve {
  x: number[];
  y: number[];
  xLabel?: string;
  yLabel?: string;
}

/**
 * The value on a `metrics` port.
 *
 * @example
 * const metrics: MetricsValue = { values: { auc: 0.91, accuracy: 0.87 } };
 */
export interface MetricsValue {
  values: Record<string, number>;
  /** The rows the figures were measured on when that is not a held-out set: `'train'` for a model's own training rows. */
  dataset?: 'train';
  curves?: Record<string, Curve>;
  confusion?: { labels: string[]; matrix: number[][] };
}

/**
 * One check in a validation report.
 *
 * @example
 * const check: ReportCheck = { name: 'no nulls in age', passed: false, message: '12 rows have no age' };
 */
export interface ReportCheck {
  name: string;
  passed: boolean;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * The value on a `report` port: a validation result.
 *
 * @example
 * const report: ReportValue = { passed: checks.every((c) => c.passed), checks };
 */
export interface ReportValue {
  passed: boolean;
  checks: ReportCheck[];
  summary?: string;
}

/**
 * The value on a `chart` port: a Vega-Lite specification (plain JSON).
 *
 * @example
 * const chart: ChartValue = { mark: 'bar', encoding: { x: { field: 'plan' }, y: { aggregate: 'count' } } };
 */
export type ChartValue = Record<string, unknown>;

/**
 * Design-time descriptors, by port kind.
 *
 * @example
 * const metrics: PortDescriptors['metrics'] = { names: ['auc', 'accuracy'] };
 */
export interface PortDescriptors {
  table: TableSchema;
  model: Partial<Pick<ModelCard, 'task' | 'features' | 'target' | 'classes'>>;
  metrics: { names: string[] };
  report: Record<string, never>;
  chart: Record<string, never>;
  value: { jsonSchema: Record<string, unknown> };
}
