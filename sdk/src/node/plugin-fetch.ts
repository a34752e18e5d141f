/**
 * A header value taken from a secret the plugin was granted, named and never read: the host puts
 * the secret's value in the header of its own request, so the value never enters the plugin's
 * sandbox. `format` wraps the value, `{}` standing for it (default `{}`).
 *
 * @example
 * const auth: SecretHeader = { secret: 'WEATHER_API_KEY', format: 'Bearer {}' };
 */
export interface SecretHeader {
  secret: string;
  format?: string;
}

/**
 * One request a plugin node asks its host to make. Redirects are followed for GET and HEAD only
 * (each hop checked like the first; secret headers are dropped when the origin changes); other
 * methods get the 3xx answer itself.
 *
 * @example
 * const init: PluginFetchInit = { method: 'POST', headers: { 'content-type': 'application/json', authorization: { secret: 'API_KEY', format: 'Bearer {}' } }, body: '{"q":1}' };
 */
export interface PluginFetchInit {
  method?: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Readonly<Record<string, string | SecretHeader>>;
  body?: string | Uint8Array;
  /** At most this many response bytes (the host caps it further); more fails with HTTP_FAILED. */
  maxBytes?: number;
  /** The whole request, redirects included, may take at most this long (the host caps it further). */
  timeoutMs?: number;
}

/**
 * The host's answer: any status (4xx and 5xx included; the node decides), the headers, the body.
 *
 * @example
 * const reply = await ctx.fetch!('https://api.example.com/v1/items');
 * if (reply.status === 200) rows = reply.json();
 */
export interface PluginFetchReply {
  status: number;
  /** Lowercase header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bytes: Uint8Array;
  /** The URL finally answered, after redirects. */
  url: string;
  /** The body as UTF-8 text. */
  text(): string;
  /** The body parsed as JSON. */
  json(): unknown;
}

/**
 * How a plugin node reaches a service: the server's plugin sandbox supplies it as `ctx.fetch`, and
 * makes the request itself with its SSRF-safe client, only to the hosts the plugin was granted at
 * install (else PLUGIN_HOST_DENIED), with secrets the plugin was granted put in by name (else
 * PLUGIN_SECRET_DENIED). Hosts without it (the browser, built-in nodes) leave `ctx.fetch` undefined.
 *
 * @example
 * const reply = await ctx.fetch!(`https://api.example.com/v1/score?q=${q}`, { headers: { 'x-api-key': { secret: 'SCORE_KEY' } } });
 */
export type PluginFetch = (url: string, init?: PluginFetchInit) => Promise<PluginFetchReply>;
