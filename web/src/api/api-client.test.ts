import { graphFormat } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api-client';
import { takeToken } from './token';

/** A tiny in-memory server speaking the graph API's shapes. */
function fakeServer() {
  const calls: Array<{ method: string; url: string; auth: string | null; body: unknown }> = [];
  const graphs = new Map<string, number>();
  const fetchImpl = async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init?.method ?? 'GET', url, auth: headers.get('authorization'), body });
    const versions = /\/api\/graphs\/([^/]+)\/versions$/.exec(url);
    if (versions && init?.method === 'POST') {
      const id = versions[1] as string;
      if (!graphs.has(id)) return Response.json({ code: 'NOT_FOUND', message: `No graph with id "${id}".` }, { status: 404 });
      const version = (graphs.get(id) ?? 0) + 1;
      graphs.set(id, version);
      return Response.json(
        { graphId: id, version, author: 'a', message: body.message, createdAt: '', issues: [], unchanged: false },
        { status: 201 },
      );
    }
    if (url.endsWith('/api/graphs') && init?.method === 'POST') {
      graphs.set(body.graph.id, 1);
      const at = '2026-01-01T00:00:00.000Z';
      const info = { id: body.graph.id, name: body.graph.name, latestVersion: 1, createdBy: 'a', owner: 'a', createdAt: at, updatedAt: at };
      return Response.json({ ...info, issues: [] }, { status: 201 });
    }
    return new Response('nope', { status: 500 });
  };
  return { calls, fetchImpl };
}

const graph = { format: graphFormat, id: 'churn', name: 'Churn', nodes: [], edges: [] } as const;

describe('ApiClient', () => {
  it('sends the bearer token and saves as version 1, then as new versions', async () => {
    const server = fakeServer();
    const api = new ApiClient('http://x/', 'tok', server.fetchImpl);
    expect(await api.save({ ...graph, nodes: [], edges: [] }, 'first')).toEqual({ version: 1, issues: [], unchanged: false });
    expect(await api.save({ ...graph, nodes: [], edges: [] }, 'second')).toEqual({ version: 2, issues: [], unchanged: false });
    expect(server.calls.every((c) => c.auth === 'Bearer tok')).toBe(true);
    expect(server.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'POST http://x/api/graphs/churn/versions',
      'POST http://x/api/graphs',
      'POST http://x/api/graphs/churn/versions',
    ]);
  });

  it('turns error bodies into ApiError with the catalog code', async () => {
    const api = new ApiClient('', 'tok', async () =>
      Response.json({ code: 'FORBIDDEN', message: 'viewers cannot save', details: { role: 'viewer' } }, { status: 403 }),
    );
    const error = await api.listGraphs().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'viewers cannot save', details: { role: 'viewer' } });
  });
});

describe('takeToken', () => {
  it('moves the token from the URL into session storage and out of the address bar', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    let replaced = '';
    const history = {
      replaceState: (_: unknown, __: string, url?: string | URL | null) => {
        replaced = String(url);
      },
    };
    expect(takeToken({ href: 'http://127.0.0.1:8787/?token=abc&x=1#g' }, history, storage)).toBe('abc');
    expect(replaced).toBe('/?x=1#g');
    expect(takeToken({ href: 'http://127.0.0.1:8787/' }, history, storage)).toBe('abc');
  });
});
