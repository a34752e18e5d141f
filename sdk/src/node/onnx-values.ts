import { UserError } from '../errors/errors';
import type { OnnxTensor, OnnxTensorType, OnnxValueInfo } from './onnx-runtime';

const tensorTypes = new Set<string>([
  'float32',
  'float64',
  'int8',
  'uint8',
  'int16',
  'uint16',
  'int32',
  'uint32',
  'int64',
  'uint64',
  'bool',
  'string',
]);

/**
 * What onnxruntime (node or web) says of a model input or output.
 *
 * @example
 * const input: RuntimeValueMetadata = { name: 'features', isTensor: true, type: 'float32', shape: ['N', 10] };
 */
export type RuntimeValueMetadata =
  | { name: string; isTensor: true; type: string; shape: ReadonlyArray<number | string> }
  | { name: string; isTensor: false };

/**
 * A runtime's input/output metadata as {@link OnnxValueInfo}: unknown element types become
 * `undefined`, negative (unknown) dimensions `null`; symbolic dimensions keep their names.
 *
 * @example
 * session.inputMetadata.map(onnxValueInfo)
 */
export function onnxValueInfo(meta: RuntimeValueMetadata): OnnxValueInfo {
  if (!meta.isTensor) return { name: meta.name, type: undefined, dims: [] };
  const type = tensorTypes.has(meta.type) ? (meta.type as OnnxTensorType) : undefined;
  return { name: meta.name, type, dims: meta.shape.map((d) => (typeof d === 'number' && d < 0 ? null : d)) };
}

/**
 * A runtime's output tensor as a plain {@link OnnxTensor}; element types Causeway cannot read are a `MODEL_INVALID` error.
 *
 * @example
 * onnxTensorFrom('probabilities', result.probabilities)
 */
export function onnxTensorFrom(name: string, tensor: { type: string; data: unknown; dims: readonly number[] }): OnnxTensor {
  if (!tensorTypes.has(tensor.type))
    throw new UserError('MODEL_INVALID', `Output "${name}" has element type ${tensor.type}, which cannot be read.`);
  // The runtime pairs each element type with its typed array, which is exactly OnnxTensor's union.
  return { type: tensor.type, data: tensor.data, dims: [...tensor.dims] } as OnnxTensor;
}
