import type { ColumnSchema, ScoringPath } from '@causeway/sdk';

/** What a model card says of its scoring path: the raw columns it takes and the steps, without their states. */
export interface ScoringPathCard {
  /** The raw input schema: what an endpoint, batch scoring and `model.predict` take. */
  inputs: ColumnSchema[];
  /** Raw columns the path reads but the model does not need: nulls when absent. */
  optional: ColumnSchema[];
  steps: Array<{ node: string; type: string }>;
  /** Row-selecting nodes (split, filter…) that scoring passes by. */
  skipped: string[];
  /** Whether the exported ONNX file applies the steps too (false: only the Causeway runtimes do). */
  inOnnx: boolean;
}

/**
 * The card's summary of a scoring path.
 *
 * @example
 * card.scoringPath = scoringPathCard(path); // { inputs: [{ name: 'signup', type: 'date', … }], steps: [{ node: 'months', type: 'transform.date-parts' }], inOnnx: false, … }
 */
export function scoringPathCard(path: ScoringPath): ScoringPathCard {
  return {
    inputs: path.inputs,
    optional: path.fill,
    steps: path.steps.map((s) => ({ node: s.node, type: s.type })),
    skipped: path.skipped,
    inOnnx: path.inOnnx,
  };
}
