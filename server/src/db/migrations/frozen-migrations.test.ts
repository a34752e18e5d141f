import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { migrations } from './index';

const folder = fileURLToPath(new URL('.', import.meta.url));

/** `released.sha256` in `sha256sum` form: one `<hash>  <file>` line per released migration. */
async function releasedChecksums(): Promise<Map<string, string>> {
  const text = await readFile(join(folder, 'released.sha256'), 'utf8');
  const entries = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [hash, file] = line.split(/\s+/);
      return [file ?? '', hash ?? ''] as const;
    });
  return new Map(entries);
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('released migrations are frozen', () => {
  test('every released migration is unchanged (changes go into a new migration)', async () => {
    const released = await releasedChecksums();
    const changed: string[] = [];
    for (const [file, hash] of released) {
      const bytes = await readFile(join(folder, file)).catch(() => undefined);
      if (bytes === undefined) changed.push(`${file} was deleted`);
      else if (sha256(bytes) !== hash) changed.push(`${file} was edited`);
    }
    expect(changed, 'a released migration is never edited or deleted; add a new migration instead').toEqual([]);
  });

  test('every migration file is listed in the migrations index and has a recorded checksum', async () => {
    const released = await releasedChecksums();
    const files = (await readdir(folder)).filter((f) => /^\d{4}_.+\.ts$/.test(f) && !f.endsWith('.test.ts')).sort();
    expect(files.map((f) => f.replace(/\.ts$/, ''))).toEqual(Object.keys(migrations));
    const unrecorded = files.filter((f) => !released.has(f));
    expect(unrecorded, 'append each new migration: `sha256sum NNNN_name.ts >> released.sha256` in its folder').toEqual([]);
  });
});
