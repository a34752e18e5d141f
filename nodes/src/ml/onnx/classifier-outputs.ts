import type { ModelCard } from '@causeway/sdk';

/**
 * Which outputs of an imported classifier hold its label and its class probabilities ([N, classes],
 * in the order of the card's `classes`), declared on `model.import` and kept on the card.
 *
 * @example
 * const outputs: ClassifierOutputs = { label: 'output_label', probabilities: 'probabilities' };
 */
export interface ClassifierOutputs {
  label?: string;
  probabilities: string;
}

/** The key of {@link ClassifierOutputs} on a model card. */
export const classifierOutputsKey = 'classifierOutputs';

/** The declared classifier outputs of a card, if any. */
export function classifierOutputsOf(card: ModelCard): ClassifierOutputs | undefined {
  const value = card[classifierOutputsKey] as Partial<ClassifierOutputs> | undefined;
  if (typeof value !== 'object' || value === null || typeof value.probabilities !== 'string') return undefined;
  return { probabilities: value.probabilities, ...(typeof value.label === 'string' ? { label: value.label } : {}) };
}
