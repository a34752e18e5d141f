import { UserError } from '../errors/errors';
import type { PluginFetch, PluginFetchInit, PluginFetchReply } from '../node/plugin-fetch';

/**
 * What a fake service answers: a status, a body (text, bytes or a value sent as JSON) and headers.
 *
 * @example
 * const answer: FakeAnswer = { status: 429, body: { error: 'slow down' }, headers: { 'retry-after': '1' } };
 */
export interface FakeAnswer {
  status?: number;
  body?: string | Uint8Array | object;
  headers?: Record<string, string>;
}

/**
 * A `ctx.fetch` stand-in that records what a node asked for.
 *
 * @example
 * const fetch: FakeFetch = fakeFetch(() => ({ body: 'ok' }), { network: ['api.example.com'] });
 * expect(fetch.calls).toHaveLength(1);
 */
export type FakeFetch = PluginFetch & { calls: Array<{ url: string; init: PluginFetchInit }> };

/**
 * A stand-in for `ctx.fetch` in tests: `answer` plays the service. Like the server, it refuses a
 * host outside `grant.network` (`PLUGIN_HOST_DENIED`) and a secret header naming a secret outside
 * `grant.secrets` (`PLUGIN_SECRET_DENIED`); secret headers stay names in `calls`, as values never
 * reach plugin code.
 *
 * @example
 * const fetch = fakeFetch(() => ({ body: { temperature: 21 } }), { network: ['api.example.com'], secrets: ['API_KEY'] });
 * await runNode(forecast, { inputs, config, fetch });
 * expect(fetch.calls[0]?.init.headers).toEqual({ authorization: { secret: 'API_KEY', format: 'Bearer {}' } });
 */
export function fakeFetch(
  answer: (url: string, init: PluginFetchInit) => FakeAnswer | Promise<FakeAnswer>,
  grant: { network?: readonly string[]; secrets?: readonly string[] } = {},
): FakeFetch {
  const calls: FakeFetch['calls'] = [];
  const fetch = async (url: string, init: PluginFetchInit = {}): Promise<PluginFetchReply> => {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (!(grant.network ?? []).includes(host))
      throw new UserError('PLUGIN_HOST_DENIED', `${host} is not among the granted hosts (${(grant.network ?? []).join(', ') || 'none'}).`);
    for (const [name, value] of Object.entries(init.headers ?? {})) {
      if (typeof value !== 'string' && !(grant.secrets ?? []).includes(value.secret))
        throw new UserError('PLUGIN_SECRET_DENIED', `"${value.secret}" (header ${name}) is not among the granted secrets.`);
    }
    calls.push({ url, init });
    const given = await answer(url, init);
    const body = given.body ?? '';
    const bytes = body instanceof Uint8Array ? body : new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
    const text = () => new TextDecoder().decode(bytes);
    return { status: given.status ?? 200, headers: given.headers ?? {}, bytes, url, text, json: () => JSON.parse(text()) as unknown };
  };
  return Object.assign(fetch, { calls });
}
