import { cappedBody, UserError } from '@causeway/sdk';
import { AddressPolicy } from './address-policy';
import { checkedAddress, failed, requestOnce, type SafeFetchOptions, systemResolve } from './safe-fetch';

const maxRedirects = 5;

/** One request: method, headers (lowercase names), body. */
export interface SafeRequest {
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Header names left out once a redirect leaves the first URL's origin (those carrying secrets). */
  privateHeaders?: readonly string[];
}

/** Bounds and checks of {@link safeRequest}. */
export interface SafeRequestOptions extends SafeFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Runs before each hop (the first URL and every redirect) and throws to refuse it. */
  checkUrl?: (url: URL) => void;
}

/** The answer of {@link safeRequest}: any status, its headers and the whole (capped) body. */
export interface SafeReply {
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
  url: string;
}

const followable = new Set(['GET', 'HEAD']);

/**
 * A request of any method under the SSRF policy of `createSafeHttpClient` (every address checked
 * after resolution, the socket pinned to it), `checkUrl` on every hop, redirects followed for GET
 * and HEAD only (at most 5), private headers dropped when a redirect changes origin, the body and
 * the total time capped. Any status is answered; network failures are `HTTP_FAILED`, refused
 * addresses `HTTP_BLOCKED`.
 *
 * @example
 * const reply = await safeRequest('https://api.example.com/v1', { method: 'GET', headers: {} }, { maxBytes: 1 << 20, timeoutMs: 10_000 });
 */
export async function safeRequest(target: string, request: SafeRequest, options: SafeRequestOptions): Promise<SafeReply> {
  const policy = options.policy ?? new AddressPolicy();
  const resolve = options.resolve ?? systemResolve;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw failed(`"${target}" is not a URL.`);
  }
  const origin = url.origin;
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        throw new UserError('HTTP_BLOCKED', `Only http and https URLs may be called, not ${url.protocol}`);
      if (url.username || url.password)
        throw new UserError('HTTP_BLOCKED', 'URLs with credentials in them are refused; use a secret instead.');
      options.checkUrl?.(url);
      const headers = { ...request.headers };
      if (url.origin !== origin) for (const name of request.privateHeaders ?? []) delete headers[name];
      const pinned = await checkedAddress(url, policy, resolve);
      const response = await requestOnce(url, pinned, signal, {
        method: request.method,
        headers,
        ...(request.body === undefined ? {} : { body: request.body }),
      });
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location && followable.has(request.method)) {
        response.resume();
        if (hop >= maxRedirects) throw failed(`${target} redirects more than ${maxRedirects} times.`);
        url = new URL(location, url);
        continue;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        throw failed(`${url.href} answered ${declared} bytes, more than the limit of ${options.maxBytes}.`);
      }
      const chunks: Uint8Array[] = [];
      for await (const chunk of cappedBody(response as AsyncIterable<Uint8Array>, url.href, options.maxBytes, {
        close: () => response.destroy(),
      })) {
        chunks.push(chunk);
      }
      return { status, headers: flatHeaders(response.headers), bytes: joined(chunks), url: url.href };
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) throw failed(`${url.origin} took longer than ${options.timeoutMs} ms.`, error);
    throw failed(`${url.origin} cannot be reached: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

// A fresh buffer of its own: a pooled Buffer's slab would carry other bytes wherever the reply is cloned to.
function joined(chunks: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
