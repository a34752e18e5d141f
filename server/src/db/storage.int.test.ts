import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArtifactStore } from '../artifacts/artifact-store';
import { AuditRepository } from '../repositories/audit-repository';
import { GraphsRepository } from '../repositories/graphs-repository';
import { SecretsRepository } from '../repositories/secrets-repository';
import { TokensRepository } from '../repositories/tokens-repository';
import { migratedPgliteDump } from '../test-support/migrated-pglite';
import { scratchPostgresDatabase } from '../test-support/scratch-postgres-database';
import { connectDatabase, type DatabaseHandle } from './connect';
import { migrate } from './migrate';
import { migrations } from './migrations';

// The same suite on both databases the server supports.
describe.each(['pglite', 'postgres'] as const)('storage on %s', (kind) => {
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  let dir: string;

  beforeAll(async () => {
    if (kind === 'postgres') {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      handle = await connectDatabase({ kind: 'postgres', url: scratch.url });
      expect(await migrate(handle.db)).toEqual(Object.keys(migrations));
    } else {
      handle = await connectDatabase({ kind: 'pglite', loadDataDir: await migratedPgliteDump() });
    }
    dir = await mkdtemp(join(tmpdir(), 'causeway-artifacts-'));
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await drop?.();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  test('migrating again is a no-op', async () => {
    expect(await migrate(handle.db)).toEqual([]);
  });

  test('a recorded migration this build does not know is refused, not skipped by the up-to-date check', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')`.execute(handle.db);
    try {
      await expect(migrate(handle.db)).rejects.toThrow(/9999_from_the_future|corrupted/);
    } finally {
      await sql`delete from kysely_migration where name = '9999_from_the_future'`.execute(handle.db);
    }
  });

  test('graph versions are numbered without gaps under concurrent saves', async () => {
    const graphs = new GraphsRepository(handle.db);
    await graphs.create({ id: 'g', name: 'G', graph: '{"v":1}', author: 'a', message: 'm' });
    await expect(graphs.create({ id: 'g', name: 'G', graph: '{}', author: 'a', message: '' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const saved = await Promise.all(
      Array.from({ length: 8 }, (_, i) => graphs.addVersion('g', { graph: `{"v":${i + 2}}`, name: 'G', author: 'b', message: `${i}` })),
    );
    expect(saved.map((v) => v?.version).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await graphs.get('g'))?.latestVersion).toBe(9);
    expect((await graphs.getVersion('g', 1))?.graph).toBe('{"v":1}');
    expect(await graphs.addVersion('missing', { graph: '{}', name: 'G', author: 'a', message: '' })).toBeUndefined();
    expect(await graphs.delete('g')).toBe(true);
    expect(await graphs.listVersions('g')).toEqual([]);
  });

  test('graph search escapes LIKE wildcards and pages', async () => {
    const graphs = new GraphsRepository(handle.db);
    for (const [id, name] of [
      ['a1', '100% done'],
      ['a2', '100 x done'],
      ['a3', 'Other'],
    ] as const) {
      await graphs.create({ id, name, graph: '{}', author: 'a', message: '' });
    }
    expect((await graphs.list({ q: '100%', limit: 10, offset: 0 })).items.map((g) => g.id)).toEqual(['a1']);
    const page = await graphs.list({ q: 'DONE', limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
  });

  test('tokens are found by value, stored only as a hash, and revoked', async () => {
    const tokens = new TokensRepository(handle.db);
    const { token, info } = await tokens.create({ name: 't', role: 'ops', createdBy: null });
    const stored = await handle.db.selectFrom('tokens').select('token_hash').where('id', '=', info.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);
    expect((await tokens.findActive(token))?.id).toBe(info.id);
    expect(await tokens.countActive('ops')).toBe(1);
    expect(await tokens.revoke(info.id)).toBe(true);
    expect(await tokens.findActive(token)).toBeUndefined();
    expect(await tokens.revoke(info.id)).toBe(false);
  });

  test('secrets upsert reports creation, audit ids are numbers and pages newest first', async () => {
    const secrets = new SecretsRepository(handle.db);
    const blob = { ciphertext: new Uint8Array([1, 2]), iv: new Uint8Array(12), tag: new Uint8Array(16), key_id: 'k' };
    expect(await secrets.put('s', blob, 'a')).toBe(true);
    expect(await secrets.put('s', { ...blob, ciphertext: new Uint8Array([3]) }, 'b')).toBe(false);
    expect(Array.from((await secrets.getEncrypted('s'))?.ciphertext ?? [])).toEqual([3]);
    const audit = new AuditRepository(handle.db);
    for (let i = 0; i < 3; i++) await audit.record({ actor: 'a', action: 'x', target: `t${i}`, details: { i } });
    const page = await audit.list({ limit: 2, offset: 0, action: 'x' });
    expect(page.total).toBe(3);
    expect(typeof page.items[0]?.id).toBe('number');
    expect(page.items.map((e) => e.details)).toEqual([{ i: 2 }, { i: 1 }]);
  });

  test('artifacts are content-addressed, deduplicated, and swept only when unheld and old', async () => {
    const store = new ArtifactStore(handle.db, dir);
    const bytes = new TextEncoder().encode('hello artifacts');
    const a = await store.put(bytes, 'json', 'run:1:n.out');
    const again = await store.put(bytes, 'json');
    expect(again.hash).toBe(a.hash);
    expect(store.pathOf(a.hash)).toBe(join(dir, a.hash.slice(0, 2), a.hash.slice(2)));
    expect(await readFile(store.pathOf(a.hash), 'utf8')).toBe('hello artifacts');
    const b = await store.put(new TextEncoder().encode('unheld'), 'bytes');
    const row = await handle.db.selectFrom('artifacts').select('size').where('hash', '=', b.hash).executeTakeFirstOrThrow();
    expect(row.size).toBe(6);
    expect(await store.sweep(1)).toEqual([]);
    await handle.db.updateTable('artifacts').set({ last_used_at: sql<Date>`now() - interval '3 days'` }).execute();
    expect(await store.sweep(2)).toEqual([b.hash]);
    await expect(stat(store.pathOf(b.hash))).rejects.toThrow();
    await expect(store.read(b.hash)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Held content survives however old it is; released, it goes on the next sweep.
    expect(await readFile(store.pathOf(a.hash), 'utf8')).toBe('hello artifacts');
    await store.release('run:1:n.out');
    expect(await store.sweep(2)).toEqual([a.hash]);
  });
});
