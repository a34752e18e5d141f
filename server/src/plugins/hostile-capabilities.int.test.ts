import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunsTestApp, readEvents, runsTestApp } from '../runs/runs-test-app';
import { type BuiltPlugin, buildTestPlugin } from './test-support/build-test-plugin';
import { pluginTarball } from './test-support/pack-tarball';
import { pluginGraph, runToEnd } from './test-support/plugin-runs';

const canary = `sk-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
const name = '@evil/causeway-caller';
const asked = { network: ['127.0.0.1'], secrets: ['CALLER_TOKEN'] };

// `call` fetches config.url with the secret config.secret in its Authorization header, then logs and returns the answer:
// the loopback server echoes that header, so a leaked value would show in the outputs, the logs and the events.
const source = `import { defineNode, definePlugin, port } from '@causeway/sdk';
import { z } from 'zod';
import { tableFromArrays } from 'apache-arrow';
const node = (id, run) => defineNode({
  type: ${JSON.stringify(name)} + '/' + id, version: 1, category: 'plugin', title: id, description: 'test node',
  inputs: { table: port.table() }, outputs: { table: port.table() },
  config: z.object({ url: z.string().default(''), secret: z.string().default('CALLER_TOKEN') }),
  run,
});
export default definePlugin({
  name: ${JSON.stringify(name)}, version: '1.0.0', apiVersion: 1, capabilities: ${JSON.stringify(asked)},
  nodes: [
    node('call', async ({ config, ctx }) => {
      const reply = await ctx.fetch(config.url, { headers: { authorization: { secret: config.secret, format: 'Bearer {}' } } });
      ctx.log('info', 'answer: ' + reply.text() + ' ' + JSON.stringify(reply.headers));
      return { table: tableFromArrays({ status: [reply.status], body: [reply.text()], url: [reply.url] }) };
    }),
    node('peek', async ({ ctx }) => ({ table: tableFromArrays({ value: [await ctx.secrets.get('CALLER_TOKEN')] }) })),
  ],
});`;

interface Seen {
  path: string;
  host: string;
  authorization: string;
}

describe('plugin capabilities: granted hosts and secrets only, secrets by name', () => {
  let t: RunsTestApp;
  let plugin: BuiltPlugin;
  let admin: string;
  let ops: string;
  let server: Server;
  let port: number;
  const seen: Seen[] = [];
  const node = (id: string, config: object) => [{ id: 'evil', type: `${name}/${id}`, config }];
  let runs = 0;
  const run = (id: string, config: object) => runToEnd(t, pluginGraph(`caps-${id}-${runs++}`, { [name]: '1.0.0' }, node(id, config)));
  const nodeError = (finished: Awaited<ReturnType<typeof run>>) => finished.nodes.find((n) => n.nodeId === 'evil')?.error;
  const install = async (token: string, query: string) =>
    t.app.request(`/api/plugins${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/gzip' },
      body: (await pluginTarball(plugin)) as Uint8Array<ArrayBuffer>,
    });
  const asAdmin = (method: string, path: string, body: unknown) =>
    t.app.request(path, {
      method,
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const installed = async () => ((await (await t.call('GET', '/api/plugins')).json()) as { items: unknown[] }).items;
  const url = (path: string, host = '127.0.0.1') => `http://${host}:${port}${path}`;

  beforeAll(async () => {
    // The operator lets URL sources and plugins reach loopback; which plugin may reach it is then its grant alone.
    process.env.CAUSEWAY_HTTP_ALLOW = '127.0.0.1';
    server = createServer((request: IncomingMessage, response) => {
      seen.push({ path: request.url ?? '', host: request.headers.host ?? '', authorization: request.headers.authorization ?? '' });
      if (request.url === '/redirect') {
        response.writeHead(302, { location: url('/data', 'localhost') }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json', 'x-echo': request.headers.authorization ?? '' });
      response.end(JSON.stringify({ ok: true, authorization: request.headers.authorization ?? '' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    t = await runsTestApp('pglite', { runTimeoutMs: 60_000 });
    admin = (await t.services.tokens.create({ name: 'admin-caps', role: 'admin', createdBy: null })).token;
    ops = (await t.services.tokens.create({ name: 'ops-caps', role: 'ops', createdBy: null })).token;
    expect((await asAdmin('PUT', '/api/secrets/CALLER_TOKEN', { value: canary })).status).toBe(201);
    expect((await asAdmin('PUT', '/api/secrets/OTHER_TOKEN', { value: `other-${canary}` })).status).toBe(201);
    for (const secret of ['CALLER_TOKEN', 'OTHER_TOKEN']) {
      expect((await asAdmin('PUT', `/api/secrets/${secret}/grants`, { roles: ['analyst'], users: [] })).status).toBe(200);
    }
    plugin = await buildTestPlugin(source);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => server?.close(resolve));
    delete process.env.CAUSEWAY_HTTP_ALLOW;
  });

  test('an install must grant exactly what is asked, and only an admin may grant; a refusal installs nothing', async () => {
    const missing = await install(admin, '?network=127.0.0.1');
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      code: 'PLUGIN_CAPABILITY_DENIED',
      details: { plugin: name, version: '1.0.0', field: 'capabilities.secrets', missing: ['CALLER_TOKEN'] },
    });
    const extra = await install(admin, '?network=127.0.0.1,localhost&secrets=CALLER_TOKEN');
    expect(await extra.json()).toMatchObject({
      code: 'PLUGIN_GRANT_INVALID',
      details: { field: 'capabilities.network', extra: ['localhost'] },
    });
    const byOps = await install(ops, '?network=127.0.0.1&secrets=CALLER_TOKEN');
    expect(byOps.status).toBe(403);
    expect(await byOps.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect(await installed()).toEqual([]);
    const granted = await install(admin, '?network=127.0.0.1&secrets=CALLER_TOKEN');
    expect(granted.status).toBe(201);
    expect(await granted.json()).toMatchObject({ capabilities: asked, grant: asked });
  }, 60_000);

  test('a granted host is reached with the secret put in by the host; its value reaches no output, event or log', async () => {
    const finished = await run('call', { url: url('/data') });
    expect(finished.status).toBe('succeeded');
    expect(seen.filter((request) => request.path === '/data').map((request) => request.authorization)).toEqual([`Bearer ${canary}`]);
    const output = await t.call('GET', `/api/runs/${finished.id}/outputs/evil/table`);
    const text = await output.text();
    expect(text).toContain('[secret]');
    const events = await readEvents(await t.call('GET', `/api/runs/${finished.id}/events`));
    const everything = [JSON.stringify(finished), text, JSON.stringify(events), t.logger.lines.join('\n')].join('\n');
    // The logged answer, as the run lists it: the echoed header reached the plugin with its value cut out.
    expect(finished.nodes.find((n) => n.nodeId === 'evil')).toMatchObject({
      logs: [{ message: expect.stringContaining('"authorization":"Bearer [secret]"') }],
    });
    expect(everything).not.toContain(canary);
  }, 60_000);

  test('an ungranted host, a redirect to one and an ungranted secret are refused with codes', async () => {
    const before = seen.length;
    const other = await run('call', { url: url('/data', 'localhost') });
    expect(other.status).toBe('failed');
    expect(nodeError(other)).toMatchObject({
      code: 'PLUGIN_HOST_DENIED',
      message: expect.stringContaining('localhost is not one of them'),
    });
    expect(seen.length).toBe(before);
    const redirected = await run('call', { url: url('/redirect') });
    expect(nodeError(redirected)).toMatchObject({ code: 'PLUGIN_HOST_DENIED', message: expect.stringContaining('localhost') });
    expect(seen.slice(before).map((request) => request.path)).toEqual(['/redirect']);
    const secret = await run('call', { url: url('/data'), secret: 'OTHER_TOKEN' });
    expect(nodeError(secret)).toMatchObject({ code: 'PLUGIN_SECRET_DENIED', message: expect.stringContaining('"OTHER_TOKEN"') });
    expect(seen.length).toBe(before + 1);
    const peek = await run('peek', {});
    expect(nodeError(peek)).toMatchObject({ code: 'PLUGIN_SECRET_DENIED' });
  }, 120_000);

  test('a revoked host is no longer reached; granting it again restores the call; non-admins cannot grant', async () => {
    expect((await asAdmin('PUT', `/api/plugins/${encodeURIComponent(name)}/1.0.0/grant`, { secrets: ['CALLER_TOKEN'] })).status).toBe(200);
    const before = seen.length;
    const revoked = await run('call', { url: url('/data') });
    expect(nodeError(revoked)).toMatchObject({ code: 'PLUGIN_HOST_DENIED' });
    expect(seen.length).toBe(before);
    const byOps = await t.app.request(`/api/plugins/${encodeURIComponent(name)}/1.0.0/grant`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/json' },
      body: JSON.stringify(asked),
    });
    expect(byOps.status).toBe(403);
    const more = await asAdmin('PUT', `/api/plugins/${encodeURIComponent(name)}/1.0.0/grant`, { network: ['example.com'] });
    expect(await more.json()).toMatchObject({ code: 'PLUGIN_GRANT_INVALID' });
    expect((await asAdmin('PUT', `/api/plugins/${encodeURIComponent(name)}/1.0.0/grant`, asked)).status).toBe(200);
    expect((await run('call', { url: url('/data') })).status).toBe('succeeded');
    expect(seen.length).toBe(before + 1);
  }, 120_000);
});
