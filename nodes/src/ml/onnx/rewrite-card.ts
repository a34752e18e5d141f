import { type ModelCard, UserError } from '@causeway/sdk';
import { cardKey } from './model-card';
import { onnx } from './onnx-proto';

/**
 * The same ONNX model with a new card in its `metadata_props` (other metadata kept), so what a
 * node adds to a card (e.g. importances) travels with the file into the registry.
 *
 * @example
 * const onnxBytes = rewriteCard(model.onnx, { ...model.card, importance });
 */
export function rewriteCard(bytes: Uint8Array, card: ModelCard): Uint8Array {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    throw new UserError('MODEL_INVALID', 'The model is not a readable ONNX file.', { cause });
  }
  const props = (model.metadataProps ?? []).filter((p) => p.key !== cardKey);
  props.push(onnx.StringStringEntryProto.create({ key: cardKey, value: JSON.stringify(card) }));
  model.metadataProps = props;
  return onnx.ModelProto.encode(model).finish();
}
