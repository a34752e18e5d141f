import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { unstorableAt } from './unstorable-text';

test('unstorableAt names the first string or key with a NUL or a lone surrogate', () => {
  expect(unstorableAt({ a: ['ok', { b: 'x\u0000' }] })).toEqual(['a', 1, 'b']);
  expect(unstorableAt({ ok: 1, 'k\u0000': 2 })).toEqual(['k\u0000']);
  expect(unstorableAt(['\udc00'])).toEqual([0]);
  expect(unstorableAt({ emoji: '😀', text: 'a\\u0000' })).toBeUndefined();
});

type Operation = { method: string; path: string; body: boolean };

describe.each(['pglite', 'postgres'] as const)('text PostgreSQL refuses, sent to every route (%s)', (kind) => {
  let t: TestApp;
  let operations: Operation[] = [];
  beforeAll(async () => {
    t = await makeTestApp(kind === 'postgres' ? { target: { kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test' } } : {});
    const document = (await (await t.call('GET', '/api/openapi.json', { token: t.tokens.admin })).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/^\/api/, ''),
        body: operation.requestBody?.content?.['application/json'] !== undefined,
      })),
    );
  }, 120_000);
  afterAll(() => t?.close());

  const send = (method: string, path: string, raw?: string) =>
    t.call(method, `/api${path}`, { token: t.tokens.admin, ...(raw === undefined ? {} : { raw }) });

  async function expectNamed(response: Response, field: string) {
    const body = (await response.json()) as { code: string; message: string };
    expect({ status: response.status, code: body.code }).toEqual({ status: 400, code: 'REQUEST_INVALID' });
    expect(body.message.startsWith(field)).toBe(true);
  }

  test('every documented route with a JSON body answers 400 naming the field', async () => {
    const withBody = operations.filter((o) => o.body);
    expect(withBody.length).toBeGreaterThanOrEqual(13);
    for (const { method, path } of withBody) {
      const concrete = path.replaceAll(/\{[^}]+\}/g, 'x');
      await expectNamed(await send(method, concrete, '{"name":"a\\u0000b","nested":{"ok":1}}'), 'body.name:');
      await expectNamed(await send(method, concrete, '{"nested":{"n\\u0000":1}}'), 'body.nested.n\u2400:');
      await expectNamed(await send(method, concrete, '{"list":["ok","\\ud800"]}'), 'body.list[1]:');
    }
  });

  test('every documented route answers 400 for a NUL in its path or query', async () => {
    for (const { method, path } of operations) {
      const concrete = path.replaceAll(/\{[^}]+\}/g, 'a%00b');
      if (concrete !== path) await expectNamed(await send(method, concrete), 'path[');
      await expectNamed(await send(method, `${path.replaceAll(/\{[^}]+\}/g, 'x')}?name=a%00b`), 'query.name:');
    }
  });

  test('sign-in without a token refuses a NUL in the user name with 400', async () => {
    const response = await t.call('POST', '/api/auth/sign-in', { raw: '{"name":"ad\\u0000min","password":"x"}' });
    await expectNamed(response, 'body.name:');
  });
});
