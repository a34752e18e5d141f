import type { ColumnType, TableSchema } from './table-schema';

/** A feature a model reads, as recorded in its card. */
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

/** The value on a `model` port: the ONNX file and its card. */
export interface ModelValue {
  onnx: Uint8Array;
  card: ModelCard;
}

/** A named curve, e.g. ROC: parallel x and y arrays. */
export interface Curve {
  x: number[];
  y: number[];
  xLabel?: string;
  yLabel?: string;
}

/** The value on a `metrics` port. */
export interface MetricsValue {
  values: Record<string, number>;
  curves?: Record<string, Curve>;
  confusion?: { labels: string[]; matrix: number[][] };
}

/** One check in a validation report. */
export interface ReportCheck {
  name: string;
  passed: boolean;
  message: string;
  details?: Record<string, unknown>;
}

/** The value on a `report` port: a validation result. */
export interface ReportValue {
  passed: boolean;
  checks: ReportCheck[];
  summary?: string;
}

/** The value on a `chart` port: a Vega-Lite specification (plain JSON). */
export type ChartValue = Record<string, unknown>;

/** Design-time descriptors, by port kind. */
export interface PortDescriptors {
  table: TableSchema;
  model: Partial<Pick<ModelCard, 'task' | 'features' | 'target' | 'classes'>>;
  metrics: { names: string[] };
  report: Record<string, never>;
  chart: Record<string, never>;
  value: { jsonSchema: Record<string, unknown> };
}
