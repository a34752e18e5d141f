import { type OnnxRuntime, type OnnxSession, type OnnxTensor, onnxTensorFrom, onnxValueInfo, UserError } from '@causeway/sdk';
import * as ort from 'onnxruntime-web/wasm';

/**
 * The browser's model runtime: onnxruntime-web on its WebAssembly backend, single-threaded (the
 * engine already runs in a Worker, and threads need cross-origin isolation). Sessions are made per
 * call and released by the caller. It runs under Node too, which is how its tests compare it with
 * onnxruntime-node.
 *
 * `wasmUrl` is where the page's build serves `ort-wasm-simd-threaded.wasm`. Given, onnxruntime-web
 * uses the loader compiled into its bundle and fetches only that file; without it, a worker whose
 * origin differs from the script's (the runner's sandboxed frame) imports a separate `.mjs` loader.
 *
 * @example
 * const result = await runGraph(graph, { registry, onnx: createWebOnnxRuntime({ wasmUrl }) });
 */
export function createWebOnnxRuntime(options: { wasmUrl?: string } = {}): OnnxRuntime {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  if (options.wasmUrl) ort.env.wasm.wasmPaths = { wasm: options.wasmUrl };
  return {
    createSession: async (model): Promise<OnnxSession> => {
      let session: ort.InferenceSession;
      try {
        session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
      } catch (cause) {
        const reason = cause instanceof Error ? cause.message : String(cause);
        throw new UserError('MODEL_INVALID', `The model cannot be loaded: ${reason}`, { cause });
      }
      const inputs = session.inputMetadata.map(onnxValueInfo);
      const outputs = session.outputMetadata.map(onnxValueInfo);
      const tensorOutputs = outputs.filter((o) => o.type !== undefined).map((o) => o.name);
      return {
        inputs,
        outputs,
        run: async (feeds, wanted) => {
          const ortFeeds: Record<string, ort.Tensor> = {};
          for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(t.type, t.data as never, t.dims);
          const result = await session.run(ortFeeds, [...(wanted ?? tensorOutputs)]);
          const out: Record<string, OnnxTensor> = {};
          for (const [name, value] of Object.entries(result)) out[name] = onnxTensorFrom(name, value);
          return out;
        },
        release: () => session.release(),
      };
    },
  };
}
