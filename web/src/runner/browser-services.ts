import { cappedBody, type FileStore, type HttpClient, type OnnxRuntime, readableChunks, readHttpStream, UserError } from '@causeway/sdk';
import onnxWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import type { ServerFetch } from './server-reader';

/**
 * URLs through the browser's own fetch: the page's origin rules apply, and the request can reach
 * only what this user's browser can. Size and time caps as on the server, counted while the body streams.
 */
export const browserHttp: HttpClient = {
  async stream(url, { maxBytes, timeoutMs, signal }) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const explain = (cause: unknown): unknown => {
      if (signal?.aborted) return signal.reason;
      if (timeout.aborted) return new UserError('HTTP_FAILED', `${url} took longer than ${timeoutMs} ms.`, { cause });
      return new UserError('HTTP_FAILED', `Could not fetch ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    };
    const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, redirect: 'follow' }).catch(
      (cause: unknown) => {
        throw explain(cause);
      },
    );
    if (!response.ok) throw new UserError('HTTP_FAILED', `Fetching ${url} answered ${response.status} ${response.statusText}.`);
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > maxBytes) throw new UserError('HTTP_FAILED', `${url} is ${declared} bytes, more than the limit of ${maxBytes}.`);
    const chunks = response.body ? readableChunks(response.body) : (async function* () {})();
    return {
      body: cappedBody(chunks, response.url || url, maxBytes, { explain }),
      contentType: response.headers.get('content-type') ?? '',
      url: response.url || url,
      ...(Number.isFinite(declared) ? { length: declared } : {}),
    };
  },
  get: async (url, options) => readHttpStream(await browserHttp.stream(url, options)),
};

let runtime: Promise<OnnxRuntime> | undefined;

/**
 * onnxruntime-web, loaded the first time a model is scored so graphs without models never download it.
 * Its WebAssembly file is an asset of the build, addressed absolutely: the worker runs from a blob.
 */
export const lazyWebOnnx: OnnxRuntime = {
  async createSession(model) {
    const wasmUrl = new URL(onnxWasm, import.meta.url).href;
    runtime ??= import('./onnx-web').then((m) => m.createWebOnnxRuntime({ wasmUrl }));
    return (await runtime).createSession(model);
  },
};

/**
 * Files uploaded to the server (`/api/files`), read by the page with the editor's token: a graph run in
 * the browser reads the same uploaded file a server run reads.
 */
export function serverFiles(source: ServerFetch): FileStore {
  const call = async (name: string, method: 'GET' | 'HEAD', signal?: AbortSignal): Promise<Response> => {
    signal?.throwIfAborted();
    const response = await source(`/api/files/${encodeURIComponent(name)}`, method).catch((cause: unknown) => {
      throw new UserError(
        'FILE_UNKNOWN',
        `"${name}" cannot be fetched from the server: ${cause instanceof Error ? cause.message : String(cause)}`,
        {
          cause,
        },
      );
    });
    if (response.status === 404 || response.status === 400)
      throw new UserError(
        'FILE_UNKNOWN',
        `No file named "${name}" was added to the editor or uploaded to the server. Add it with Add data… (or the File field's Upload…) and run again.`,
      );
    if (!response.ok) throw new UserError('FILE_UNKNOWN', `The server answered ${response.status} for the file "${name}".`);
    return response;
  };
  return {
    async read(name, signal) {
      return new Uint8Array(await (await call(name, 'GET', signal)).arrayBuffer());
    },
    async fingerprint(name) {
      const response = await call(name, 'HEAD');
      return `${response.headers.get('content-length') ?? ''}-${response.headers.get('last-modified') ?? ''}`;
    },
  };
}
