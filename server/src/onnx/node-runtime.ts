import { createHash } from 'node:crypto';
import { type OnnxRuntime, type OnnxSession, type OnnxTensor, onnxTensorFrom, onnxValueInfo, UserError } from '@causeway/sdk';
import type * as ort from 'onnxruntime-node';
import { loadedOnnxRuntime, loadOnnxRuntime } from './onnxruntime';

interface Entry {
  session: Promise<ort.InferenceSession>;
  users: number;
  used: number;
}

/** Options of {@link createNodeOnnxRuntime}. */
export interface NodeOnnxRuntimeOptions {
  /** Idle sessions kept for reuse, by model hash (default 8). */
  maxIdleSessions?: number;
  /** Threads per session (default 1: runs already go in parallel across workers). */
  threads?: number;
}

/** An onnxruntime-node runtime; `close` releases every cached session. */
export interface NodeOnnxRuntime extends OnnxRuntime {
  close(): Promise<void>;
}

/**
 * The server's model runtime: onnxruntime-node (CPU), sessions cached by the SHA-256 of the model
 * bytes, so scoring the same model in batch after batch, run after run, loads it once.
 *
 * @example
 * const onnx = createNodeOnnxRuntime();
 * await runGraph(graph, { registry, onnx });
 */
export function createNodeOnnxRuntime(options: NodeOnnxRuntimeOptions = {}): NodeOnnxRuntime {
  const cache = new Map<string, Entry>();
  const maxIdle = options.maxIdleSessions ?? 8;
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  let clock = 0;

  const evict = () => {
    const idle = [...cache].filter(([, e]) => e.users === 0).sort((a, b) => a[1].used - b[1].used);
    for (const [key, entry] of idle.slice(0, Math.max(0, idle.length - maxIdle))) {
      cache.delete(key);
      void entry.session.then((s) => s.release()).catch(() => {});
    }
  };

  const open = async (model: Uint8Array): Promise<OnnxSession> => {
    const key = createHash('sha256').update(model).digest('hex');
    let entry = cache.get(key);
    if (!entry) {
      const session = loadOnnxRuntime()
        .then((runtime) => runtime.InferenceSession.create(model, sessionOptions))
        .catch((cause: unknown) => {
          cache.delete(key);
          const reason = cause instanceof Error ? cause.message : String(cause);
          throw new UserError('MODEL_INVALID', `The model cannot be loaded: ${reason}`, { cause });
        });
      entry = { session, users: 0, used: 0 };
      cache.set(key, entry);
    }
    const held = entry;
    held.users++;
    held.used = ++clock;
    let session: ort.InferenceSession;
    try {
      session = await held.session;
    } catch (error) {
      held.users--;
      throw error;
    }
    const inputs = session.inputMetadata.map(onnxValueInfo);
    const outputs = session.outputMetadata.map(onnxValueInfo);
    const tensorOutputs = outputs.filter((o) => o.type !== undefined).map((o) => o.name);
    let released = false;
    return {
      inputs,
      outputs,
      run: async (feeds, wanted) => {
        const ortFeeds: Record<string, ort.Tensor> = {};
        for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new (loadedOnnxRuntime().Tensor)(t.type, t.data as never, t.dims);
        const result = await session.run(ortFeeds, [...(wanted ?? tensorOutputs)]);
        const out: Record<string, OnnxTensor> = {};
        for (const [name, value] of Object.entries(result)) out[name] = onnxTensorFrom(name, value);
        return out;
      },
      release: async () => {
        if (released) return;
        released = true;
        held.users--;
        held.used = ++clock;
        evict();
      },
    };
  };

  return {
    createSession: open,
    close: async () => {
      const entries = [...cache.values()];
      cache.clear();
      await Promise.all(entries.map((e) => e.session.then((s) => s.release()).catch(() => {})));
    },
  };
}
