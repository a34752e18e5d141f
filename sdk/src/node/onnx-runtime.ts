import { UserError } from '../errors/errors';

/**
 * Element types a tensor may hold, named as onnxruntime names them.
 *
 * @example
 * const type: OnnxTensorType = 'float32';
 */
export type OnnxTensorType =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'uint8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'bool'
  | 'string';

/**
 * The plain array behind each {@link OnnxTensorType}.
 *
 * @example
 * const tensor = onnxTensorFrom('float32', new Float32Array([1, 2]), [1, 2]);
 */
export interface OnnxTensorData {
  float32: Float32Array;
  float64: Float64Array;
  int8: Int8Array;
  uint8: Uint8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  bool: Uint8Array;
  string: string[];
}

/**
 * A tensor as plain data: no runtime object crosses the node boundary, so the same node runs on
 * onnxruntime-node and onnxruntime-web. `dims` multiply to `data.length`.
 *
 * @example
 * const age: OnnxTensor = { type: 'float32', data: Float32Array.of(31, 40), dims: [2, 1] };
 */
export type OnnxTensor = { [T in OnnxTensorType]: { type: T; data: OnnxTensorData[T]; dims: readonly number[] } }[OnnxTensorType];

/**
 * A model input or output as the runtime reports it. `type` is undefined for non-tensor values
 * (sequences, maps — e.g. scikit-learn's ZipMap); a dimension is a number, a symbolic name, or null.
 *
 * @example
 * const info: OnnxValueInfo = { name: 'age', type: 'float32', dims: ['N', 1] };
 */
export interface OnnxValueInfo {
  name: string;
  type: OnnxTensorType | undefined;
  dims: readonly (number | string | null)[];
}

/**
 * A loaded model, ready to score. Release it when done (hosts may also cache and share sessions).
 *
 * @example
 * const out = await session.run({ age: { type: 'float32', data: Float32Array.of(31), dims: [1, 1] } }, ['label']);
 * out.label?.data; // BigInt64Array or string[]
 */
export interface OnnxSession {
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  /** Scores one batch. `outputs` limits what is fetched (default: every tensor output). */
  run(feeds: Record<string, OnnxTensor>, outputs?: readonly string[]): Promise<Record<string, OnnxTensor>>;
  release(): Promise<void>;
}

/**
 * Scores ONNX models. Each host supplies one (onnxruntime-node on the server, onnxruntime-web in
 * the browser) on `ctx.onnx`, so nodes never import a runtime themselves.
 *
 * @example
 * const session = await ctx.onnx.createSession(model.onnx);
 * try { await session.run(feeds); } finally { await session.release(); }
 */
export interface OnnxRuntime {
  createSession(model: Uint8Array): Promise<OnnxSession>;
}

/**
 * The runtime of a host that has none: every session fails with `MODEL_RUNTIME_MISSING`.
 *
 * @example
 * await runGraph(graph, { registry, onnx: noOnnxRuntime }); // the default
 */
export const noOnnxRuntime: OnnxRuntime = {
  createSession: () =>
    Promise.reject(new UserError('MODEL_RUNTIME_MISSING', 'There is no model runtime in this host, so models cannot be scored here.')),
};
