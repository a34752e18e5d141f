import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultInputLimits } from '@causeway/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputLimits } from '../runs/run-settings';
import type { CliIo } from './cli-io';
import { main } from './main';

function bufferIo(env: Record<string, string> = {}): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => undefined, stderr: (t) => err.push(t), env, signal: new AbortController().signal };
}

describe('causeway run takes the input limits of the server', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'causeway-run-limits-'));
    // One 3 MiB line: under the 64 MiB default, over a 1 MiB limit.
    await writeFile(join(dir, 'wide.csv'), `a,b\n1,${'x'.repeat(3 * 2 ** 20)}\n2,y\n`);
    const graph = {
      format: 'causeway.graph/1',
      id: 'wide',
      name: 'wide',
      nodes: [{ id: 'read', type: 'source.csv', version: 1, config: { file: 'wide.csv' }, position: [0, 0] }],
      edges: [],
    };
    await writeFile(join(dir, 'wide.json'), JSON.stringify(graph));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('has the same defaults as the server', () => {
    expect(inputLimits({})).toEqual(defaultInputLimits);
  });

  it('reads the line under the default limit', async () => {
    const io = bufferIo();
    expect(await main(['run', 'wide.json'], io, dir), io.err.join('')).toBe(0);
  });

  it('refuses it under CAUSEWAY_CSV_MAX_LINE_BYTES, naming the limit', async () => {
    const io = bufferIo({ CAUSEWAY_CSV_MAX_LINE_BYTES: String(2 ** 20) });
    expect(await main(['run', 'wide.json'], io, dir)).not.toBe(0);
    expect(io.err.join('')).toMatch(/INPUT_LIMIT.*Line 2 is longer than the limit of 1048576 bytes \(input limit csvLineBytes\)/);
  });

  it('refuses a bad limit setting with SETTING_INVALID', async () => {
    const io = bufferIo({ CAUSEWAY_PARQUET_MAX_DEPTH: 'deep' });
    expect(await main(['run', 'wide.json'], io, dir)).not.toBe(0);
    expect(io.err.join('')).toMatch(/CAUSEWAY_PARQUET_MAX_DEPTH/);
  });
});
