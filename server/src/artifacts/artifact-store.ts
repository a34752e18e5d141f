import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UserError } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database';

/** What kind of content an artifact holds. */
export type ArtifactKind = 'arrow' | 'onnx' | 'json' | 'bytes';

const hashPattern = /^[0-9a-f]{64}$/;

/**
 * Content-addressed files (sha256) under `<dir>/ab/cdef…`, written atomically (temp file then
 * rename), recorded in `artifacts` and held by rows in `artifact_refs`. Unheld artifacts older
 * than the retention period are removed by {@link ArtifactStore.sweep}.
 */
export class ArtifactStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dir: string,
  ) {}

  /** Stores bytes (once per content) and returns their hash. */
  async put(bytes: Uint8Array, kind: ArtifactKind, owner?: string): Promise<{ hash: string; size: number }> {
    const hash = createHash('sha256').update(bytes).digest('hex');
    // The row first, stamped now, so a concurrent sweep leaves this content alone.
    await this.db
      .insertInto('artifacts')
      .values({ hash, kind, size: bytes.byteLength, last_used_at: sql<Date>`now()` })
      .onConflict((oc) => oc.column('hash').doUpdateSet({ last_used_at: sql<Date>`now()` }))
      .execute();
    const path = this.pathOf(hash);
    if (!(await exists(path))) {
      await mkdir(dirname(path), { recursive: true });
      const temp = join(this.dir, 'tmp', `${randomUUID()}.part`);
      await mkdir(dirname(temp), { recursive: true });
      await writeFile(temp, bytes);
      await rename(temp, path);
    }
    if (owner !== undefined) await this.hold(hash, owner);
    return { hash, size: bytes.byteLength };
  }

  /** Records that `owner` (e.g. `run:42:train.model`) uses the artifact. */
  async hold(hash: string, owner: string): Promise<void> {
    await this.db
      .insertInto('artifact_refs')
      .values({ hash, owner })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** Drops an owner's hold on every artifact. */
  async release(owner: string): Promise<void> {
    await this.db.deleteFrom('artifact_refs').where('owner', '=', owner).execute();
  }

  /** Reads an artifact's bytes and marks it used; `NOT_FOUND` when unknown. */
  async read(hash: string): Promise<Uint8Array> {
    if (!hashPattern.test(hash)) throw new UserError('NOT_FOUND', `No artifact "${hash}".`);
    const row = await this.db
      .updateTable('artifacts')
      .set({ last_used_at: sql<Date>`now()` })
      .where('hash', '=', hash)
      .returning('hash')
      .executeTakeFirst();
    if (row === undefined) throw new UserError('NOT_FOUND', `No artifact "${hash}".`);
    return new Uint8Array(await readFile(this.pathOf(hash)));
  }

  /**
   * Deletes artifacts nobody holds and nobody used for `days` days (fractions allowed), among
   * `only` when given; returns their hashes.
   */
  async sweep(days: number, only?: readonly string[]): Promise<string[]> {
    if (only !== undefined && only.length === 0) return [];
    let query = this.db.deleteFrom('artifacts');
    if (only !== undefined) query = query.where('hash', 'in', [...new Set(only)]);
    const removed = await query
      .where('last_used_at', '<', sql<Date>`now() - make_interval(secs => ${days * 86_400})`)
      .where(({ not, exists: has, selectFrom }) =>
        not(has(selectFrom('artifact_refs').select('artifact_refs.hash').whereRef('artifact_refs.hash', '=', 'artifacts.hash'))),
      )
      .returning('hash')
      .execute();
    for (const { hash } of removed) await rm(this.pathOf(hash), { force: true });
    return removed.map((r) => r.hash);
  }

  /** Where an artifact's file lives. */
  pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), hash.slice(2));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    // Only a missing file is "not there"; a disk or permission fault must surface, not read as absent.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
