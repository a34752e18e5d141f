import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderExports } from './folder-exports';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('folderExports', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'causeway-exports-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('writes relative paths, making folders, and a second write replaces the file', async () => {
    const store = folderExports(join(folder, 'exports'));
    expect(await store.write('daily/2024/scores.csv', bytes('a\n1\n'))).toEqual({ name: 'daily/2024/scores.csv', bytes: 4 });
    await store.write('daily/2024/scores.csv', bytes('a\n2\n'));
    expect(await readFile(join(folder, 'exports', 'daily', '2024', 'scores.csv'), 'utf8')).toBe('a\n2\n');
    expect(await readdir(join(folder, 'exports', 'daily', '2024'))).toEqual(['scores.csv']);
  });

  it('refuses paths that leave the folder, naming them, and writes nothing', async () => {
    const store = folderExports(join(folder, 'exports'));
    for (const name of ['../x.csv', '/etc/x.csv', 'a/../../x.csv', '.hidden', 'a//b.csv', 'C:/x.csv']) {
      await expect(store.write(name, bytes('x')), name).rejects.toMatchObject({
        code: 'INPUT_INVALID',
        message: expect.stringContaining(name),
      });
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('refuses a folder that is a link leading out', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'causeway-outside-'));
    try {
      await symlink(outside, join(folder, 'away'));
      await expect(folderExports(folder).write('away/x.csv', bytes('x'))).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      expect(await readdir(outside)).toEqual([]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('a write that fails leaves the old file as it was and no temp file behind', async () => {
    await writeFile(join(folder, 'scores.csv'), 'old\n');
    const abort = new AbortController();
    abort.abort(new Error('stopped'));
    await expect(folderExports(folder).write('scores.csv', bytes('new\n'), abort.signal)).rejects.toThrow();
    expect(await readFile(join(folder, 'scores.csv'), 'utf8')).toBe('old\n');
    expect(await readdir(folder)).toEqual(['scores.csv']);
  });

  it('a write that fails at the rename leaves no temp file behind', async () => {
    // A folder where the file should go: the temp file is written, the rename refused.
    await mkdir(join(folder, 'scores.csv', 'inside'), { recursive: true });
    await expect(folderExports(folder).write('scores.csv', bytes('new\n'))).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['scores.csv']);
    expect(await readdir(join(folder, 'scores.csv'))).toEqual(['inside']);
  });
});
