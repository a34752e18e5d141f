import { type HttpClient, type OnnxRuntime, UserError } from '@causeway/sdk';

/**
 * URLs through the browser's own fetch: the page's origin rules apply, and the request can reach
 * only what this user's browser can. Size and time caps as on the server.
 */
export const browserHttp: HttpClient = {
  async get(url, { maxBytes, timeoutMs, signal }) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout, redirect: 'follow' }).catch(
      (cause: unknown) => {
        throw new UserError('HTTP_FAILED', `Could not fetch ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      },
    );
    if (!response.ok) throw new UserError('HTTP_FAILED', `Fetching ${url} answered ${response.status} ${response.statusText}.`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw new UserError('HTTP_FAILED', `${url} is larger than the ${maxBytes}-byte limit.`);
    return { bytes, contentType: response.headers.get('content-type') ?? '', url: response.url || url };
  },
};

let runtime: Promise<OnnxRuntime> | undefined;

/** onnxruntime-web, loaded the first time a model is scored so graphs without models never download it. */
export const lazyWebOnnx: OnnxRuntime = {
  async createSession(model) {
    runtime ??= import('./onnx-web').then((m) => m.createWebOnnxRuntime());
    return (await runtime).createSession(model);
  },
};
