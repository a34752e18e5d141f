import { type ColumnType, type ModelCard, type OnnxTensorType, type OnnxValueInfo, UserError } from '@causeway/sdk';
import { cardKey } from './model-card';
import { type OnnxTypes, onnx } from './onnx-proto';

/** The largest model file read by default (200 MB). */
export const maxModelBytes = 200 * 1024 * 1024;

/** What an ONNX file says about itself, read without running it. */
export interface ModelInfo {
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
  card: ModelCard;
  irVersion: number;
  opsets: Record<string, number>;
  producer: string;
}

const elementTypes: Record<number, OnnxTensorType> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
};

const toNumber = (v: number | { toNumber(): number } | null | undefined): number =>
  v == null ? 0 : typeof v === 'number' ? v : v.toNumber();

function valueInfo(value: OnnxTypes.IValueInfoProto): OnnxValueInfo {
  const tensor = value.type?.tensorType;
  const dims = (tensor?.shape?.dim ?? []).map((d) =>
    d.dimValue != null && toNumber(d.dimValue) > 0 ? toNumber(d.dimValue) : d.dimParam ? d.dimParam : null,
  );
  return { name: value.name ?? '', type: tensor ? elementTypes[tensor.elemType ?? 0] : undefined, dims };
}

function externalIn(tensor: OnnxTypes.ITensorProto | null | undefined): boolean {
  return !!tensor && (tensor.dataLocation === 1 || (tensor.externalData?.length ?? 0) > 0);
}

/** True when any tensor of the graph (initializers, constants, subgraphs) lives in an external file. */
function usesExternalData(graph: OnnxTypes.IGraphProto, depth = 0): boolean {
  if (depth > 32) throw new UserError('MODEL_INVALID', 'The model nests subgraphs too deeply.');
  if ((graph.initializer ?? []).some(externalIn)) return true;
  if ((graph.sparseInitializer ?? []).some((s) => externalIn(s.values) || externalIn(s.indices))) return true;
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) {
      if (externalIn(a.t) || (a.tensors ?? []).some(externalIn)) return true;
      if (a.g && usesExternalData(a.g, depth + 1)) return true;
      if ((a.graphs ?? []).some((g) => usesExternalData(g, depth + 1))) return true;
    }
  }
  return false;
}

const columnTypeOf = (type: OnnxTensorType | undefined): ColumnType =>
  type === 'string' ? 'string' : type === 'bool' ? 'boolean' : type?.startsWith('float') ? 'number' : 'integer';

function cardOf(metadata: Record<string, string>, inputs: OnnxValueInfo[], outputs: OnnxValueInfo[]): ModelCard {
  const io = { inputs, outputs };
  const text = metadata[cardKey];
  if (text !== undefined) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (
        typeof parsed === 'object' &&
        parsed !== null &&
        Array.isArray((parsed as ModelCard).features) &&
        typeof (parsed as ModelCard).task === 'string'
      ) {
        return { ...(parsed as ModelCard), ...io };
      }
    } catch {
      // A card that does not parse is ignored: the file's own inputs still describe the model.
    }
  }
  const known = ['classification', 'regression', 'clustering'] as const;
  const task = known.find((t) => t === metadata.task) ?? 'other';
  return { task, features: inputs.map((i) => ({ name: i.name, type: columnTypeOf(i.type) })), ...io };
}

/**
 * Reads an ONNX file's inputs, outputs (names, element types, shapes), opsets and card by decoding
 * its protobuf — the model is never run. Refuses files over `maxBytes`, files that are not ONNX or are
 * truncated (MODEL_INVALID), and tensors stored in external files (MODEL_EXTERNAL_DATA). A file without
 * a Causeway card gets one with task 'other' (or the `task` metadata) and its inputs as features.
 *
 * @example
 * const info = readModel(await ctx.files.read('churn.onnx'));
 * info.inputs // [{ name: 'float_input', type: 'float32', dims: [null, 4] }]
 */
export function readModel(bytes: Uint8Array, maxBytes = maxModelBytes): ModelInfo {
  if (bytes.byteLength > maxBytes) {
    throw new UserError(
      'MODEL_TOO_LARGE',
      `The model file is ${(bytes.byteLength / 1e6).toFixed(1)} MB; the limit is ${(maxBytes / 1e6).toFixed(0)} MB.`,
    );
  }
  let model: OnnxTypes.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new UserError('MODEL_INVALID', `The file is not a readable ONNX model (it may be truncated or another format): ${reason}.`, {
      cause,
    });
  }
  const graph = model.graph;
  const irVersion = toNumber(model.irVersion);
  if (!graph || irVersion <= 0 || (model.opsetImport ?? []).length === 0 || (graph.output ?? []).length === 0) {
    throw new UserError('MODEL_INVALID', 'The file is not an ONNX model: it has no graph, IR version, opset or outputs.');
  }
  if (usesExternalData(graph)) {
    throw new UserError(
      'MODEL_EXTERNAL_DATA',
      'The model keeps tensors in external data files; only self-contained ONNX files can be used.',
    );
  }
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name)).map(valueInfo);
  const outputs = (graph.output ?? []).map(valueInfo);
  const metadata: Record<string, string> = Object.create(null);
  for (const entry of model.metadataProps ?? []) if (entry.key) metadata[entry.key] = entry.value ?? '';
  const opsets: Record<string, number> = Object.create(null);
  for (const o of model.opsetImport ?? []) opsets[o.domain || 'ai.onnx'] = toNumber(o.version);
  return { inputs, outputs, card: cardOf(metadata, inputs, outputs), irVersion, opsets, producer: model.producerName ?? '' };
}
