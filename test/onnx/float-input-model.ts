import { dataType, onnx } from '../../nodes/src/ml/onnx/onnx-proto';

/**
 * A written model as versions registered before numbers became double were written: each double
 * input is declared float and its Cast node is dropped, the Cast's readers reading the input itself.
 */
export function withFloatInputs(bytes: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (!graph) throw new Error('the model has no graph');
  const renamed = new Map<string, string>();
  for (const input of graph.input ?? []) {
    const tensor = input.type?.tensorType;
    if (tensor?.elemType !== dataType.double) continue;
    tensor.elemType = dataType.float;
    const cast = graph.node?.find((n) => n.opType === 'Cast' && n.input?.[0] === input.name);
    if (!cast) throw new Error(`no Cast reads input ${input.name}`);
    renamed.set(cast.output?.[0] as string, input.name as string);
    graph.node = graph.node?.filter((n) => n !== cast) ?? [];
  }
  if (renamed.size === 0) throw new Error('the model has no double inputs');
  for (const node of graph.node ?? []) node.input = (node.input ?? []).map((name) => renamed.get(name) ?? name);
  return onnx.ModelProto.encode(model).finish();
}
