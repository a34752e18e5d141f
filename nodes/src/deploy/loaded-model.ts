import { type LoadedModel, type ModelValue, UserError } from '@causeway/sdk';

/** A registered version as a model value, refusing one whose card is not a model card. */
export function modelValueOf(loaded: LoadedModel): ModelValue {
  const card = loaded.card as ModelValue['card'] | null;
  if (card === null || typeof card !== 'object' || typeof card.task !== 'string' || !Array.isArray(card.features)) {
    throw new UserError('MODEL_INVALID', `Version ${loaded.version} of "${loaded.name}" has no usable model card.`);
  }
  return loaded.scoringPath ? { onnx: loaded.onnx, card, scoringPath: loaded.scoringPath } : { onnx: loaded.onnx, card };
}
