import { attributeType, dataType, type OnnxTypes, onnx, versions } from './onnx-proto';

/** An attribute value: numbers are written as ints when `int` is used, strings as UTF-8. */
export type AttributeValue =
  | { int: number }
  | { float: number }
  | { string: string }
  | { ints: readonly number[] }
  | { floats: readonly number[] }
  | { strings: readonly string[] }
  | { tensor: OnnxTypes.ITensorProto };

const utf8 = new TextEncoder();

function attribute(name: string, value: AttributeValue): OnnxTypes.IAttributeProto {
  if ('int' in value) return { name, type: attributeType.int, i: value.int };
  if ('float' in value) return { name, type: attributeType.float, f: value.float };
  if ('string' in value) return { name, type: attributeType.string, s: utf8.encode(value.string) };
  if ('ints' in value) return { name, type: attributeType.ints, ints: [...value.ints] };
  if ('floats' in value) return { name, type: attributeType.floats, floats: [...value.floats] };
  if ('strings' in value) return { name, type: attributeType.strings, strings: value.strings.map((s) => utf8.encode(s)) };
  return { name, type: attributeType.tensor, t: value.tensor };
}

/** Element types the writer declares on graph inputs and outputs. */
export type ElementType = keyof typeof dataType;

/**
 * Builds one ONNX graph node by node, with fresh names for intermediate tensors, and encodes the
 * model with the opsets every written model declares (opset 13, ai.onnx.ml 1, IR 8).
 */
export class GraphBuilder {
  readonly #nodes: OnnxTypes.INodeProto[] = [];
  readonly #initializers: OnnxTypes.ITensorProto[] = [];
  readonly #inputs: OnnxTypes.IValueInfoProto[] = [];
  readonly #outputs: OnnxTypes.IValueInfoProto[] = [];
  #counter = 0;

  /** A name no other tensor of this graph has. */
  fresh(hint: string): string {
    this.#counter++;
    // A prefix no column name is likely to have, since graph inputs are named after columns.
    return `causeway/${hint}_${this.#counter}`;
  }

  /** Adds a node and returns its output names (fresh ones unless given). */
  node(
    op: string,
    inputs: readonly string[],
    outputs: number | readonly string[],
    attributes: Record<string, AttributeValue> = {},
    domain = '',
  ): string[] {
    const names = typeof outputs === 'number' ? Array.from({ length: outputs }, () => this.fresh(op.toLowerCase())) : [...outputs];
    this.#nodes.push({
      opType: op,
      domain,
      name: this.fresh(`n_${op}`),
      input: [...inputs],
      output: names,
      attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
    });
    return names;
  }

  /** Adds an ai.onnx.ml node. */
  ml(
    op: string,
    inputs: readonly string[],
    outputs: number | readonly string[],
    attributes: Record<string, AttributeValue> = {},
  ): string[] {
    return this.node(op, inputs, outputs, attributes, 'ai.onnx.ml');
  }

  /** Adds a constant tensor and returns its name. */
  constant(
    hint: string,
    type: 'float' | 'int64' | 'string',
    dims: readonly number[],
    values: readonly number[] | readonly string[],
  ): string {
    const name = this.fresh(hint);
    const tensor: OnnxTypes.ITensorProto = { name, dims: [...dims], dataType: dataType[type] };
    if (type === 'float') tensor.floatData = [...(values as readonly number[])];
    else if (type === 'int64') tensor.int64Data = [...(values as readonly number[])];
    else tensor.stringData = (values as readonly string[]).map((s) => utf8.encode(s));
    this.#initializers.push(tensor);
    return name;
  }

  /** Declares a graph input; a null dimension is the symbolic batch size `N`. */
  input(name: string, type: ElementType, dims: readonly (number | null)[]): string {
    this.#inputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** Declares a graph output. */
  output(name: string, type: ElementType, dims: readonly (number | null)[]): void {
    this.#outputs.push(valueInfo(name, type, dims));
  }

  /** Encodes the model; `metadata` becomes `metadata_props`. */
  encode(graphName: string, metadata: Record<string, string>): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: versions.ir,
      producerName: 'causeway',
      producerVersion: '1',
      opsetImport: [
        { domain: '', version: versions.opset },
        { domain: 'ai.onnx.ml', version: versions.mlOpset },
      ],
      graph: { name: graphName, node: this.#nodes, initializer: this.#initializers, input: this.#inputs, output: this.#outputs },
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: ElementType, dims: readonly (number | null)[]): OnnxTypes.IValueInfoProto {
  const dim = dims.map((d) => (d === null ? { dimParam: 'N' } : { dimValue: d }));
  return { name, type: { tensorType: { elemType: dataType[type], shape: { dim } } } };
}
