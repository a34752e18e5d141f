import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';

/**
 * A dump of a freshly migrated PGlite database, made once per set of migrations and kept in the
 * temp dir: loading it takes a fraction of a second where a fresh database takes seconds.
 */
export async function migratedPgliteDump(): Promise<Blob> {
  // Keyed by the migrations' code, not only their names: a migration edited before release gets a fresh dump.
  const source = Object.entries(migrations)
    .map(([name, m]) => `${name}\n${m.up.toString()}\n${m.down?.toString() ?? ''}`)
    .join('\n');
  const key = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'causeway-test-pglite');
  const file = join(dir, `${key}.tar.gz`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const pglite = await PGlite.create();
    const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    await migrate(db);
    const dump = await pglite.dumpDataDir('gzip');
    await db.destroy();
    await mkdir(dir, { recursive: true });
    const temp = `${file}.${process.pid}.part`;
    await writeFile(temp, new Uint8Array(await dump.arrayBuffer()));
    await rename(temp, file);
    return dump;
  }
}
