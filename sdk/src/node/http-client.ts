import { UserError } from '../errors/errors';

/**
 * Limits of one {@link HttpClient.get}.
 *
 * @example
 * const options: HttpGetOptions = { maxBytes: 50 * 2 ** 20, timeoutMs: 30_000, signal: ctx.signal };
 */
export interface HttpGetOptions {
  /** The response body may be at most this many bytes; a larger one fails with HTTP_FAILED. */
  maxBytes: number;
  /** The whole request, redirects included, may take at most this long. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * A fetched body and what the server said it is.
 *
 * @example
 * const { bytes, contentType } = await ctx.http.get(url, options); // contentType: 'text/csv; charset=utf-8'
 */
export interface HttpResponse {
  bytes: Uint8Array;
  /** The Content-Type header, or '' when there is none. */
  contentType: string;
  /** The URL finally fetched, after redirects. */
  url: string;
}

/**
 * A response whose body is read as it arrives. `body` can be iterated once; the size cap is counted
 * chunk by chunk and the time cap covers the whole read, so iterating fails with HTTP_FAILED as soon
 * as either is passed. Leaving the loop early (break, throw) closes the connection.
 *
 * @example
 * const response = await ctx.http.stream(url, { maxBytes: 2 ** 26, timeoutMs: 30_000, signal: ctx.signal });
 * for await (const chunk of response.body) total += chunk.byteLength;
 */
export interface HttpStream {
  body: AsyncIterable<Uint8Array>;
  /** The Content-Type header, or '' when there is none. */
  contentType: string;
  /** The URL finally fetched, after redirects. */
  url: string;
  /** The Content-Length the server declared, when it declared one. */
  length?: number;
}

/**
 * Fetches URLs for source nodes; each host supplies one on `ctx.http`, so nodes never import
 * network modules. The server's refuses private and metadata addresses after DNS resolution
 * (server/src/net/safe-fetch.ts); a browser host uses `fetch` (the browser's own origin rules apply).
 * Failures are UserErrors: HTTP_BLOCKED for a refused address, HTTP_FAILED for the rest.
 *
 * @example
 * const { bytes } = await ctx.http.get('https://example.org/data.csv', { maxBytes: 2 ** 26, timeoutMs: 30_000, signal: ctx.signal });
 */
export interface HttpClient {
  /** The whole body in memory. */
  get(url: string, options: HttpGetOptions): Promise<HttpResponse>;
  /** The body as it arrives, under the same caps (see {@link HttpStream}); resolves once the headers are in. */
  stream(url: string, options: HttpGetOptions): Promise<HttpStream>;
}

/**
 * Passes a body's chunks on while counting them: more than `maxBytes` in all fails with HTTP_FAILED
 * at the chunk that passes the cap. Any other failure of the read goes through `explain`, with the
 * bytes received so far (a host maps its abort and time-out errors there). `ended` runs when the
 * body ends without an error, with the bytes received, and may throw (a host checks there that the
 * body arrived whole). `close` runs however the reading ends, early exits included.
 *
 * @example
 * const body = cappedBody(chunks, url, options.maxBytes, { close: () => response.destroy() });
 */
export async function* cappedBody(
  chunks: AsyncIterable<Uint8Array>,
  url: string,
  maxBytes: number,
  hooks: { explain?: (error: unknown, received: number) => unknown; ended?: (received: number) => void; close?: () => void } = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  let total = 0;
  try {
    for await (const chunk of chunks) {
      total += chunk.byteLength;
      if (total > maxBytes) throw new UserError('HTTP_FAILED', `${url} is larger than the limit of ${maxBytes} bytes.`);
      yield chunk;
    }
    hooks.ended?.(total);
  } catch (error) {
    throw error instanceof UserError || !hooks.explain ? error : hooks.explain(error, total);
  } finally {
    hooks.close?.();
  }
}

/**
 * The chunks of a WHATWG `ReadableStream` (a fetch body) as an async iterable; leaving early cancels it.
 *
 * @example
 * for await (const chunk of readableChunks(response.body)) total += chunk.byteLength;
 */
export async function* readableChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, undefined> {
  const reader = stream.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * Reads a streamed body whole: the `get` of a client that has `stream`.
 *
 * @example
 * const client: HttpClient = { stream, get: async (url, options) => readHttpStream(await stream(url, options)) };
 */
export async function readHttpStream(response: HttpStream): Promise<HttpResponse> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    total += chunk.byteLength;
  }
  const bytes = chunks.length === 1 ? (chunks[0] as Uint8Array) : new Uint8Array(total);
  if (chunks.length !== 1) {
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
  }
  return { bytes, contentType: response.contentType, url: response.url };
}

const missing = () => Promise.reject(new UserError('HTTP_CLIENT_MISSING', 'This host cannot fetch URLs, so HTTP sources cannot run here.'));

/**
 * The client of a host without network access: every request fails with HTTP_CLIENT_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, http: noHttpClient }); // the default
 */
export const noHttpClient: HttpClient = { get: missing, stream: missing };
