import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readParquet } from '@causeway/sdk';
import { rowsOf } from '@causeway/sdk/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io';
import { main } from './main';

const graphs = fileURLToPath(new URL('../../../test/fixtures/graphs/', import.meta.url));

function bufferIo(): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => {}, stderr: (t) => err.push(t), env: {}, signal: new AbortController().signal };
}

describe('causeway run with sink.file', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'causeway-sink-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('writes the file under --out at its relative path', async () => {
    const out = join(folder, 'out');
    const io = bufferIo();
    expect(await main(['run', join(graphs, 'sink-file.json'), '--out', out], io, '/')).toBe(0);
    const parsed = await readParquet(new Uint8Array(await readFile(join(out, 'reports', 'people.parquet'))));
    if (!parsed.ok) throw new Error('unreadable Parquet');
    expect(rowsOf(parsed.value)).toEqual([
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace, "Amazing"' },
    ]);
    expect(JSON.parse(await readFile(join(out, 'save.written.json'), 'utf8'))).toMatchObject({ path: 'reports/people.parquet', rows: 2 });
  });

  it('without --out fails the node, saying to give one', async () => {
    const io = bufferIo();
    expect(await main(['run', join(graphs, 'sink-file.json')], io, '/')).toBe(1);
    expect(io.err.join('')).toContain('Writing "reports/people.parquet" needs a folder: run again with --out DIR');
  });

  it('refuses a path leading out of --out before running, naming the field', async () => {
    const graph = JSON.parse(await readFile(join(graphs, 'sink-file.json'), 'utf8'));
    graph.nodes[1].config.path = '../escaped.csv';
    await writeFile(join(folder, 'escape.json'), JSON.stringify(graph));
    const io = bufferIo();
    expect(await main(['run', join(folder, 'escape.json'), '--out', join(folder, 'out')], io, '/')).toBe(1);
    expect(io.err.join('')).toMatch(/config\.path.*"\.\.\/escaped\.csv" leads out of the export folder/);
    expect(await readdir(folder)).toEqual(['escape.json']);
  });
});
