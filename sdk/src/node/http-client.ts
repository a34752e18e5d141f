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
 * Fetches URLs for source nodes; each host supplies one on `ctx.http`, so nodes never import
 * network modules. The server's refuses private and metadata addresses after DNS resolution
 * (server/src/net/safe-fetch.ts); a browser host uses `fetch` (the browser's own origin rules apply).
 * Failures are UserErrors: HTTP_BLOCKED for a refused address, HTTP_FAILED for the rest.
 *
 * @example
 * const { bytes } = await ctx.http.get('https://example.org/data.csv', { maxBytes: 2 ** 26, timeoutMs: 30_000, signal: ctx.signal });
 */
export interface HttpClient {
  get(url: string, options: HttpGetOptions): Promise<HttpResponse>;
}

/**
 * The client of a host without network access: every request fails with HTTP_CLIENT_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, http: noHttpClient }); // the default
 */
export const noHttpClient: HttpClient = {
  get: () => Promise.reject(new UserError('HTTP_CLIENT_MISSING', 'This host cannot fetch URLs, so HTTP sources cannot run here.')),
};
