import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { cappedBody, type HttpClient, type HttpGetOptions, type HttpStream, readHttpStream, UserError } from '@causeway/sdk';
import { AddressPolicy } from './address-policy';

const maxRedirects = 5;

/** Options of {@link createSafeHttpClient}. */
export interface SafeFetchOptions {
  policy?: AddressPolicy;
  /** Resolves a host name to its addresses (default: the system resolver). */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

/** The system resolver, every address of a name. */
export const systemResolve = (hostname: string) => lookup(hostname, { all: true, verbatim: true });

export function failed(message: string, cause?: unknown): UserError {
  return new UserError('HTTP_FAILED', message, cause === undefined ? {} : { cause });
}

/** The one address to connect to, after every address the name resolves to passed the policy. */
export async function checkedAddress(url: URL, policy: AddressPolicy, resolve: NonNullable<SafeFetchOptions['resolve']>) {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(hostname) !== 0) addresses = [{ address: hostname, family: isIP(hostname) }];
  else {
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      throw failed(`"${hostname}" cannot be resolved.`, error);
    }
    if (addresses.length === 0) throw failed(`"${hostname}" has no address.`);
  }
  if (!policy.allowsHost(hostname)) {
    for (const { address } of addresses) {
      const range = policy.refusal(address);
      if (range !== undefined) {
        throw new UserError(
          'HTTP_BLOCKED',
          `${url.origin} resolves to ${address}, a ${range} address, which URL sources may not reach. An operator can allow it with CAUSEWAY_HTTP_ALLOW.`,
        );
      }
    }
  }
  return addresses[0] as { address: string; family: number };
}

/** One request to a pinned address: the socket never resolves the name again (no DNS-rebinding window). */
export function requestOnce(
  url: URL,
  pinned: { address: string; family: number },
  signal: AbortSignal,
  send?: { method?: string; body?: Uint8Array; contentType?: string; headers?: Record<string, string> },
): Promise<IncomingMessage> {
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'user-agent': 'causeway', accept: '*/*' };
    if (send !== undefined) {
      Object.assign(headers, send.headers);
      if (send.contentType !== undefined) headers['content-type'] = send.contentType;
      if (send.body !== undefined) headers['content-length'] = String(send.body.length);
    }
    const method = send?.method ?? (send === undefined ? 'GET' : 'POST');
    const req = request(url, { method, lookup: pinnedLookup, signal, headers }, resolve);
    req.on('error', reject);
    req.end(send?.body);
  });
}

/** The response with a 2xx status after checked redirects, its body not yet read. */
async function openChecked(
  start: string,
  options: HttpGetOptions,
  policy: AddressPolicy,
  resolve: NonNullable<SafeFetchOptions['resolve']>,
  signal: AbortSignal,
): Promise<{ response: IncomingMessage; url: string }> {
  let url: URL;
  try {
    url = new URL(start);
  } catch {
    throw failed(`"${start}" is not a URL.`);
  }
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new UserError('HTTP_BLOCKED', `Only http and https URLs may be fetched, not ${url.protocol}`);
    if (url.username || url.password)
      throw new UserError('HTTP_BLOCKED', 'URLs with credentials in them are refused; use a secret instead.');
    const pinned = await checkedAddress(url, policy, resolve);
    const response = await requestOnce(url, pinned, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= maxRedirects) throw failed(`${start} redirects more than ${maxRedirects} times.`);
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw failed(`${url.href} answered ${status} ${response.statusMessage ?? ''}`.trim());
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw failed(`${url.href} is ${declared} bytes, more than the limit of ${options.maxBytes}.`);
    }
    return { response, url: url.href };
  }
}

/**
 * The server's {@link HttpClient}: http/https only; every address a name resolves to is checked
 * against the {@link AddressPolicy} (loopback, private, link-local/metadata, CGNAT, multicast,
 * unspecified, their IPv6 forms and IPv4-mapped IPv6 are refused), the socket connects to the
 * checked address (never resolving again), every redirect (at most 5) is checked the same way,
 * and the body and the total time are capped (counted while the body streams, for `stream` too).
 *
 * @example
 * const http = createSafeHttpClient({ policy: AddressPolicy.fromEnv(process.env) });
 * await runGraph(graph, { registry, http });
 */
export function createSafeHttpClient(options: SafeFetchOptions = {}): HttpClient {
  const policy = options.policy ?? new AddressPolicy();
  const resolve = options.resolve ?? systemResolve;
  const stream = async (url: string, getOptions: HttpGetOptions): Promise<HttpStream> => {
    const timeout = AbortSignal.timeout(getOptions.timeoutMs);
    const signal = getOptions.signal ? AbortSignal.any([getOptions.signal, timeout]) : timeout;
    // The signal stays on the request while the body is read, so the time cap covers the whole download.
    let declared = Number.NaN;
    const explain = (error: unknown, received?: number): unknown => {
      if (error instanceof UserError) return error;
      if (getOptions.signal?.aborted) return getOptions.signal.reason;
      const of = Number.isFinite(declared) ? ` of ${declared}` : '';
      const got = received === undefined ? '' : ` ${received}${of} bytes received, the download is incomplete.`;
      if (timeout.aborted) return failed(`${url} took longer than ${getOptions.timeoutMs} ms;${got}`.replace(/;$/, '.'), error);
      return failed(`${url} cannot be fetched: ${error instanceof Error ? error.message : String(error)}.${got}`, error);
    };
    let opened: { response: IncomingMessage; url: string };
    try {
      opened = await openChecked(url, getOptions, policy, resolve, signal);
    } catch (error) {
      throw explain(error);
    }
    const { response } = opened;
    declared = Number(response.headers['content-length']);
    // A body that stops short (a dropped connection, a stall cut by the time limit) never counts as the data.
    const ended = (received: number) => {
      if (signal.aborted || !response.complete) throw explain(new Error('the body ended early'), received);
      if (Number.isFinite(declared) && received !== declared)
        throw failed(`${opened.url} sent ${received} of ${declared} bytes (its Content-Length); the download is incomplete.`);
    };
    return {
      body: cappedBody(response as AsyncIterable<Uint8Array>, opened.url, getOptions.maxBytes, {
        explain,
        ended,
        close: () => response.destroy(),
      }),
      contentType: String(response.headers['content-type'] ?? ''),
      url: opened.url,
      ...(Number.isFinite(declared) ? { length: declared } : {}),
    };
  };
  return { stream, get: async (url, getOptions) => readHttpStream(await stream(url, getOptions)) };
}

/**
 * POSTs a JSON body under the same address policy as {@link createSafeHttpClient} (checked after
 * resolution, pinned connection); redirects are not followed and any status outside 2xx fails
 * with `HTTP_FAILED`. For outgoing notifications such as schedule alerts.
 *
 * @example
 * await postJsonSafely('https://hooks.example.com/x', { text: 'hello' }, { policy: AddressPolicy.fromEnv(process.env), timeoutMs: 10_000 });
 */
export async function postJsonSafely(
  target: string,
  body: unknown,
  options: SafeFetchOptions & { timeoutMs: number; headers?: ((bytes: Uint8Array) => Record<string, string>) | undefined },
): Promise<{ status: number }> {
  const policy = options.policy ?? new AddressPolicy();
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw failed(`"${target}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError('HTTP_BLOCKED', `Only http and https URLs may be called, not ${url.protocol}`);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const pinned = await checkedAddress(url, policy, options.resolve ?? systemResolve);
    const bytes = new TextEncoder().encode(JSON.stringify(body));
    const headers = options.headers?.(bytes) ?? {};
    const response = await requestOnce(url, pinned, signal, { body: bytes, contentType: 'application/json', headers });
    response.resume();
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) throw failed(`${url.origin} answered ${status} ${response.statusMessage ?? ''}`.trim());
    return { status };
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (signal.aborted) throw failed(`${url.origin} took longer than ${options.timeoutMs} ms.`, error);
    throw failed(`${url.origin} cannot be reached: ${error instanceof Error ? error.message : String(error)}`, error);
  }
}
