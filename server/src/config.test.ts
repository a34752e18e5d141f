import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { loadConfig } from './config';

test('defaults: 127.0.0.1:8787, PGlite in ./.causeway, CORS for the editor origin', () => {
  const result = loadConfig({});
  expect(result).toMatchObject({
    ok: true,
    value: { host: '127.0.0.1', port: 8787, dataDir: resolve('.causeway'), databaseUrl: undefined, corsOrigin: 'http://127.0.0.1:8787' },
  });
});

test('flags override the environment', () => {
  const result = loadConfig({ PORT: '9000', DATABASE_URL: 'postgres://x@h/db' }, { port: 9100, dataDir: '/tmp/cw' });
  expect(result).toMatchObject({
    ok: true,
    value: { port: 9100, dataDir: '/tmp/cw', databaseUrl: 'postgres://x@h/db', corsOrigin: 'http://127.0.0.1:9100' },
  });
});

test('each bad setting is named in its issue', () => {
  const result = loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', CAUSEWAY_BODY_LIMIT: 'lots' });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues.map((i) => i.code)).toEqual(['SETTING_INVALID', 'SETTING_INVALID', 'SETTING_INVALID']);
  expect(result.issues.map((i) => i.message.split(':')[0]).sort()).toEqual(['CAUSEWAY_BODY_LIMIT', 'DATABASE_URL', 'PORT']);
});
