import { transfer } from 'comlink';
import type { ServerAnswer, ServerReader } from './runner-protocol';

/** The only server paths the worker may have read: the plugin list, a plugin's manifest or bundle, an uploaded file. */
const readable = [/^\/api\/plugins$/, /^\/api\/plugins\/[^/?#]+\/[^/?#]+\/(manifest|bundle\.mjs)$/, /^\/api\/files\/[^/?#]+$/];
const keptHeaders = ['content-type', 'content-length', 'last-modified'];

/**
 * Reads the page's server with the user's token for the worker. The token stays on the page, and a
 * request for any other path or method is refused, so code in the worker can fetch nothing more
 * through the page than the plugins and files a run needs.
 */
export function serverReader(origin: string, token: string): ServerReader {
  return {
    async read(path, method) {
      const url = typeof path === 'string' ? new URL(path, origin) : undefined;
      // The URL must be the path as given: no dot segments (`..`, `%2e%2e`) resolved away to another route.
      const allowed = url !== undefined && url.pathname === path && readable.some((r) => r.test(path));
      if (!allowed || (method !== 'GET' && method !== 'HEAD'))
        throw new Error(`The runner may not ${String(method)} ${String(path)} from the server.`);
      const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}` } });
      const body = method === 'HEAD' ? null : new Uint8Array(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = response.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      const answer: ServerAnswer = { status: response.status, statusText: response.statusText, headers, body };
      return body ? transfer(answer, [body.buffer as ArrayBuffer]) : answer;
    },
  };
}

/** A server path read through the page, as a Response (the worker's code reads it as it read fetch's). */
export type ServerFetch = (path: string, method?: 'GET' | 'HEAD') => Promise<Response>;

const nullBody = new Set([101, 204, 205, 304]);

/** The worker's side of a ServerReader. */
export function fetchThrough(reader: ServerReader): ServerFetch {
  return async (path, method = 'GET') => {
    const answer = await reader.read(path, method);
    const body = answer.body === null || nullBody.has(answer.status) ? null : (answer.body as Uint8Array<ArrayBuffer>);
    return new Response(body, { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}
