import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { serve } from './serve';
import { memoryLogger } from './test-support/make-test-app';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('first start on PGlite: migrates, prints a URL with an admin token that works; a restart reuses it', {
  timeout: 120_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'causeway-serve-'));
  dirs.push(dataDir);
  const printed: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  const options = { env: {}, dataDir, port: 0, host: '127.0.0.1', handleSignals: false, logger: memoryLogger() };
  try {
    let server = await serve(options);
    const token = /Causeway is running at http:\/\/127\.0\.0\.1:\d+\/\?token=(cw_[\w-]+)/.exec(printed.join('\n'))?.[1];
    expect(token).toBeDefined();
    expect((await stat(join(dataDir, 'secret.key'))).mode & 0o777).toBe(0o600);
    expect((await readFile(join(dataDir, 'admin.token'), 'utf8')).trim()).toBe(token);
    expect((await fetch(`${server.url}api/health`)).status).toBe(200);
    const me = await fetch(`${server.url}api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ role: 'admin' });
    expect((await fetch(server.url)).headers.get('content-type')).toContain('text/html');
    await server.close();

    printed.length = 0;
    server = await serve(options);
    expect(printed.join('\n')).toContain(`?token=${token}`);
    await server.close();
  } finally {
    spy.mockRestore();
  }
});
