import { mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envSecrets, secretVariable } from './env-secrets';
import { fileChunks, folderFiles } from './folder-files';

const root = await mkdtemp(join(tmpdir(), 'causeway-files-'));
afterAll(() => rm(root, { recursive: true, force: true }));
const graphs = join(root, 'graphs');
await mkdir(join(graphs, 'data'), { recursive: true });
await writeFile(join(graphs, 'data', 'a.csv'), 'x\n1\n');
await writeFile(join(root, 'secret.csv'), 'password\n');
await symlink(join(root, 'secret.csv'), join(graphs, 'link.csv'));

describe('folderFiles', () => {
  const files = folderFiles(graphs);

  it('reads files by a path relative to the folder', async () => {
    expect(new TextDecoder().decode(await files.read('data/a.csv'))).toBe('x\n1\n');
    expect(new TextDecoder().decode(await files.read('./data/../data/a.csv'))).toBe('x\n1\n');
  });

  it.each(['../secret.csv', join(root, 'secret.csv'), 'data/../../secret.csv', '.', ''])(
    'refuses %j, which leaves the folder',
    async (name) => {
      await expect(files.read(name)).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
      await expect(files.fingerprint(name)).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
    },
  );

  it('refuses a symbolic link that points out of the folder', async () => {
    await expect(files.read('link.csv')).rejects.toThrow(/links outside the graph's folder/);
  });

  it('fails with FILE_UNKNOWN for a missing file', async () => {
    await expect(files.read('data/nope.csv')).rejects.toMatchObject({
      code: 'FILE_UNKNOWN',
      message: `No file "data/nope.csv" beside the graph: looked for ${join(graphs, 'data', 'nope.csv')}. Put the file there, or correct the node's file name.`,
    });
  });

  it('fingerprints by size and modification time', async () => {
    const before = await files.fingerprint('data/a.csv');
    await utimes(join(graphs, 'data', 'a.csv'), new Date(), new Date(Date.now() + 5000));
    expect(await files.fingerprint('data/a.csv')).not.toBe(before);
    expect(before).toMatch(/^4-/);
  });
});

describe('folderFiles open', () => {
  const files = folderFiles(graphs);
  const big = Uint8Array.from({ length: 2_500_000 }, (_, i) => (i * 7 + (i >> 9)) & 255);
  const bigName = 'data/big.bin';
  const ready = writeFile(join(graphs, bigName), big);

  it('streams the whole file in 1 MiB reads into one reused buffer, again on each call', async () => {
    await ready;
    const opened = await files.open?.(bigName);
    expect(opened?.size).toBe(big.length);
    for (let pass = 0; pass < 2; pass++) {
      const copy = new Uint8Array(big.length);
      const buffers = new Set<ArrayBufferLike>();
      const sizes: number[] = [];
      let at = 0;
      for await (const chunk of opened?.chunks() ?? []) {
        copy.set(chunk, at);
        at += chunk.length;
        sizes.push(chunk.length);
        buffers.add(chunk.buffer);
      }
      expect(at).toBe(big.length);
      expect(Buffer.compare(copy, big)).toBe(0);
      expect(sizes).toEqual([1 << 20, 1 << 20, big.length - 2 * (1 << 20)]);
      expect(buffers.size).toBe(1);
    }
  });

  it('refuses names outside the folder, and ends an aborted read with its reason', async () => {
    await expect(files.open?.('../secret.csv')).rejects.toMatchObject({ code: 'FILE_UNKNOWN' });
    const controller = new AbortController();
    const chunks = fileChunks(join(graphs, bigName), 1 << 20, controller.signal);
    expect((await chunks.next()).value).toHaveLength(1 << 20);
    controller.abort();
    await expect(chunks.next()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('fails on the first read of a file that is gone', async () => {
    await expect(fileChunks(join(graphs, 'data/gone.csv'), 16).next()).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('envSecrets', () => {
  it('reads CAUSEWAY_SECRET_<NAME> and names the variable when it is missing', async () => {
    expect(secretVariable('api-token')).toBe('CAUSEWAY_SECRET_API_TOKEN');
    const secrets = envSecrets({ CAUSEWAY_SECRET_API_TOKEN: 's3cret' });
    expect(await secrets.get('api-token')).toBe('s3cret');
    await expect(secrets.get('db')).rejects.toMatchObject({
      code: 'SECRET_UNKNOWN',
      message: 'Secret "db" is not set; set the environment variable CAUSEWAY_SECRET_DB.',
    });
  });
});
