import type { ColumnType, ModelCard, ModelFeature } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { type FeatureStats, featureStats } from './feature-stats';

/** The `metadata_props` key the card rides under in an ONNX file. */
export const cardKey = 'causeway.card';

/** A feature as written in cards of trained models: its type and training statistics. */
export interface CardFeature extends ModelFeature {
  stats: FeatureStats & Record<string, unknown>;
}

/** What {@link buildModelCard} takes. */
export interface CardSpec {
  task: ModelCard['task'];
  /** The learner, e.g. 'random-forest'. */
  model: string;
  table: Table;
  features: readonly string[];
  target?: string;
  classes?: readonly string[];
  /** Hyper-parameters as configured, for the record. */
  params?: Record<string, unknown>;
  metrics?: Record<string, number>;
  /** Rows the model was fitted on, when some of `table`'s were left out (a null target). */
  rows?: number;
}

/**
 * The card of a trained model: task, features with their types and training statistics, target,
 * classes, the learner and its parameters, and metrics once known.
 *
 * @example
 * const card = buildModelCard({ task: 'classification', model: 'logistic-regression', table: train, features: ['age'], target: 'churn', classes: ['no', 'yes'] });
 */
export function buildModelCard(spec: CardSpec): ModelCard {
  const features: CardFeature[] = spec.features.map((name) => {
    const { type, stats } = featureStats(spec.table, name);
    return { name, type, stats: stats as CardFeature['stats'] };
  });
  return {
    task: spec.task,
    model: spec.model,
    features,
    ...(spec.target === undefined ? {} : { target: spec.target }),
    ...(spec.classes === undefined ? {} : { classes: [...spec.classes] }),
    trainingRows: spec.rows ?? spec.table.numRows,
    ...(spec.params === undefined ? {} : { params: spec.params }),
    ...(spec.metrics === undefined ? {} : { metrics: spec.metrics }),
  };
}

/** Design-time card features from an input schema (no statistics before a run). */
export function cardFeaturesOf(columns: readonly { name: string; type: ColumnType }[], names: readonly string[]): ModelFeature[] {
  return names.flatMap((name) => {
    const column = columns.find((c) => c.name === name);
    return column ? [{ name, type: column.type }] : [];
  });
}
