import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { folderFiles } from '../cli/folder-files';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';

let t: TestApp;
let dir: string;
const limit = 64 * 1024;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-files-'));
  t = await makeTestApp({ filesDir: dir, uploadLimit: limit, bodyLimit: 4096 });
}, 120_000);
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

const send = (method: string, path: string, token: string, body?: BodyInit, headers: Record<string, string> = {}) =>
  t.app.request(path, { method, headers: { authorization: `Bearer ${token}`, ...headers }, ...(body === undefined ? {} : { body }) });

describe('/api/files', () => {
  test('an upload (raw body, larger than the JSON body limit) lands where runs read files, and is listed, read and deleted', async () => {
    const csv = `id,name\n${Array.from({ length: 2000 }, (_, i) => `${i},name ${i}`).join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(4096);
    const created = await send('POST', '/api/files?name=people.csv', t.tokens.analyst, csv, { 'content-type': 'text/csv' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'people.csv', size: csv.length });
    // The run side reads the same folder by the same name.
    expect(new TextDecoder().decode(await folderFiles(dir).read('people.csv'))).toBe(csv);

    const list = (await (await send('GET', '/api/files', t.tokens.analyst)).json()) as { items: { name: string; size: number }[] };
    expect(list.items.map((f) => [f.name, f.size])).toEqual([['people.csv', csv.length]]);
    const read = await send('GET', '/api/files/people.csv', t.tokens.analyst);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe(csv);

    const audit = await t.services.audit.list({ limit: 10, offset: 0, action: 'file.upload' });
    expect(audit.items.map((e) => [e.actor, e.target])).toEqual([['analyst-test', 'file:people.csv']]);

    expect((await send('DELETE', '/api/files/people.csv', t.tokens.analyst)).status).toBe(204);
    expect((await send('GET', '/api/files/people.csv', t.tokens.analyst)).status).toBe(404);
    expect((await t.services.audit.list({ limit: 10, offset: 0, action: 'file.delete' })).items).toHaveLength(1);
  });

  test('a multipart upload takes its name from the file part, and replaces a file of the same name', async () => {
    for (const text of ['a,b\n1,2\n', 'a,b\n3,4\n']) {
      const form = new FormData();
      form.append('file', new File([text], 'scores.csv', { type: 'text/csv' }));
      const response = await send('POST', '/api/files', t.tokens.admin, form);
      expect(response.status).toBe(201);
    }
    expect(await readFile(join(dir, 'scores.csv'), 'utf8')).toBe('a,b\n3,4\n');
  });

  test('a multipart upload streams to disk while the body is still arriving, and one over the limit is refused and not kept', async () => {
    const boundary = 'causeway-test-boundary';
    const encoder = new TextEncoder();
    let finish: (() => void) | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="slow.txt"\r\n\r\n`));
        controller.enqueue(encoder.encode('x'.repeat(20_000)));
        finish = () => {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          controller.close();
        };
      },
    });
    const pending = t.app.request('/api/files', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.analyst}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit);
    // Buffered whole, nothing would reach the disk before the body ends.
    await expect.poll(async () => (await readdir(dir)).some((name) => name.startsWith('.upload-')), { timeout: 30_000 }).toBe(true);
    finish?.();
    expect((await pending).status).toBe(201);
    expect((await readFile(join(dir, 'slow.txt'), 'utf8')).length).toBe(20_000);

    const big = new FormData();
    big.append('file', new File(['y'.repeat(limit + 1)], 'big.txt'));
    const refused = await send('POST', '/api/files', t.tokens.analyst, big);
    expect(refused.status).toBe(413);
    expect((await readdir(dir)).filter((name) => name === 'big.txt' || name.startsWith('.upload-'))).toEqual([]);

    const noFile = new FormData();
    noFile.append('other', 'value');
    const missing = await send('POST', '/api/files?name=x.txt', t.tokens.analyst, noFile);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/no "file" part/);
  });

  test('an uploaded CSV is read as a run reads it: its schema is listed; an unreadable one is refused naming the line, and not stored', async () => {
    const csv = 'day,city,temp_max,rain\n2024-01-01,Utrecht,7.5,true\n2024-01-02,Delft,,false\n2024-01-03,Utrecht,9,true\n';
    expect((await send('POST', '/api/files?name=weather.csv', t.tokens.analyst, csv)).status).toBe(201);
    const list = (await (await send('GET', '/api/files', t.tokens.analyst)).json()) as { items: { name: string; schema?: unknown }[] };
    expect(list.items.find((f) => f.name === 'weather.csv')?.schema).toEqual({
      columns: [
        { name: 'day', type: 'date', nullable: false },
        { name: 'city', type: 'string', nullable: false },
        { name: 'temp_max', type: 'number', nullable: true },
        { name: 'rain', type: 'boolean', nullable: false },
      ],
    });

    const ragged = await send(
      'POST',
      '/api/files?name=weather.csv',
      t.tokens.analyst,
      'day,city\n2024-01-01,Utrecht\n2024-01-02,Delft,extra\n',
    );
    expect(ragged.status).toBe(400);
    const error = (await ragged.json()) as { code: string; message: string };
    expect(error.code).toBe('INPUT_INVALID');
    expect(error.message).toMatch(/^"weather\.csv" cannot be read as CSV, so it was not stored: .*[Ll]ine 3/);
    // The earlier file and its schema stay as they were; no temporary file is left.
    expect(await readFile(join(dir, 'weather.csv'), 'utf8')).toBe(csv);
    expect((await readdir(dir)).filter((f) => f.startsWith('.upload'))).toEqual([]);
    const again = (await (await send('GET', '/api/files', t.tokens.analyst)).json()) as { items: { name: string; schema?: unknown }[] };
    expect(again.items.find((f) => f.name === 'weather.csv')?.schema).toEqual(list.items.find((f) => f.name === 'weather.csv')?.schema);

    expect((await send('DELETE', '/api/files/weather.csv', t.tokens.analyst)).status).toBe(204);
    expect(await readdir(join(dir, '.schemas'))).not.toContain('weather.csv.json');
  });

  test('an upload over the limit is refused and leaves nothing behind', async () => {
    const big = new Uint8Array(limit + 1);
    const response = await send('POST', '/api/files?name=big.bin', t.tokens.analyst, big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');
    // Without a length up front the bytes are counted as they stream in.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(limit / 4));
        controller.close();
      },
    });
    const streamed = await t.app.request('/api/files?name=big.bin', {
      method: 'POST',
      headers: { authorization: `Bearer ${t.tokens.analyst}` },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await readdir(dir)).filter((f) => f.startsWith('big') || f.startsWith('.upload'))).toEqual([]);
  });

  test('names that could leave the folder or hide a file are refused with the reason', async () => {
    for (const name of ['../escape.csv', 'sub/dir.csv', '.hidden', 'trailing.', '', 'a\\b.csv']) {
      const response = await send('POST', `/api/files?name=${encodeURIComponent(name)}`, t.tokens.analyst, 'x');
      expect(response.status, name).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('REQUEST_INVALID');
    }
    const unnamed = await send('POST', '/api/files', t.tokens.analyst, 'x', { 'content-type': 'text/plain' });
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { message: string }).message).toMatch(/Name the file/);
    expect((await send('GET', '/api/files/..%2Fetc', t.tokens.analyst)).status).toBe(400);
  });

  test('an upload onto the name of a folder is refused with 409, and the folder is left alone', async () => {
    await mkdir(join(dir, 'taken.csv'));
    await writeFile(join(dir, 'taken.csv', 'inside.txt'), 'keep');
    const response = await send('POST', '/api/files?name=taken.csv', t.tokens.analyst, 'a,b\n1,2\n', { 'content-type': 'text/csv' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('"taken.csv"') });
    expect(await readFile(join(dir, 'taken.csv', 'inside.txt'), 'utf8')).toBe('keep');
    expect((await readdir(dir)).filter((name) => name.startsWith('.upload-'))).toEqual([]);
    await rm(join(dir, 'taken.csv'), { recursive: true });
  });

  test('a link planted in the folder is neither listed nor served', async () => {
    await writeFile(join(dir, '..', 'outside-secret.txt'), 'secret');
    await symlink(join(dir, '..', 'outside-secret.txt'), join(dir, 'link.txt'));
    const list = (await (await send('GET', '/api/files', t.tokens.analyst)).json()) as { items: { name: string }[] };
    expect(list.items.map((f) => f.name)).not.toContain('link.txt');
    expect((await send('GET', '/api/files/link.txt', t.tokens.analyst)).status).toBe(404);
    await rm(join(dir, 'link.txt'));
    await rm(join(dir, '..', 'outside-secret.txt'));
  });

  test('reading needs graphs:read, uploading and deleting need graphs:write', async () => {
    expect((await send('POST', '/api/files?name=x.csv', t.tokens.ops, 'a')).status).toBe(403);
    expect((await send('DELETE', '/api/files/x.csv', t.tokens.ops, 'a')).status).toBe(403);
    expect((await send('GET', '/api/files', t.tokens.client)).status).toBe(403);
    expect((await t.app.request('/api/files')).status).toBe(401);
  });

  test('a server without a files folder says so', async () => {
    const bare = await makeTestApp();
    try {
      const response = await bare.call('GET', '/api/files', { token: bare.tokens.analyst });
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toMatch(/keeps no uploaded files/);
    } finally {
      await bare.close();
    }
  });
});
