import { mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUploadSchema } from './upload-schema';

/** This process's open descriptors on `path`: other tests' and the runner's own descriptors do not count. */
async function openOn(path: string): Promise<number> {
  const fds = await readdir('/proc/self/fd');
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((target) => target === path).length;
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'upload-schema-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** Files whose read stops before their end: each must leave no handle open behind it. */
const hostile: Record<string, Uint8Array> = {
  'invalid UTF-8 in the first line': Buffer.concat([
    Buffer.from('a,b\n1,'),
    Buffer.from([0xff, 0xfe, 0x41]),
    Buffer.from('\n'.repeat(2 << 20)),
  ]),
  'invalid UTF-8 in the second chunk': Buffer.concat([
    Buffer.from('a,b\n'),
    Buffer.from('1,2\n'.repeat(300_000)),
    Buffer.from([0xc3, 0x28]),
    Buffer.from('\n1,2'.repeat(300_000)),
  ]),
};

describe('reading an uploaded CSV closes the file however the read ends', () => {
  it.each(Object.entries(hostile))('%s: no file handle left open', async (label, bytes) => {
    const path = join(folder, `${label.replace(/\W+/g, '-')}.csv`);
    await writeFile(path, bytes);
    const open: number[] = [];
    for (let i = 0; i < 5; i++) {
      await expect(readUploadSchema(path, 'upload.csv', bytes.byteLength)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      open.push(await openOn(path));
    }
    expect(open).toEqual([0, 0, 0, 0, 0]);
  });

  it.each([
    ['a small file', Buffer.from('a,b\n1,x\n')],
    // The first pass stops at the byte-order mark; a whole read follows.
    [
      'UTF-16 over more than one chunk',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\r\n1,x\r\n'.repeat(60_000), 'utf16le')]),
    ],
  ])('%s: read, and no file handle left open', async (label, bytes) => {
    const path = join(folder, `${label.replace(/\W+/g, '-')}.csv`);
    await writeFile(path, bytes);
    expect(await readUploadSchema(path, 'good.csv', bytes.byteLength)).toMatchObject({ columns: [{ name: 'a' }, { name: 'b' }] });
    expect(await openOn(path)).toBe(0);
  });
});
