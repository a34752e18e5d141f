import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io';
import { main } from './main';

const graphs = fileURLToPath(new URL('../../../test/fixtures/graphs/', import.meta.url));

function bufferIo(signal = new AbortController().signal): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, signal };
}

describe('main', () => {
  it.each([
    [['--frob'], 'causeway: unknown option "--frob"; see causeway --help.'],
    [['run', '--frob', 'g.json'], "causeway run: Unknown option '--frob'"],
    [['run'], 'causeway run: expected <graph.json>, got 0 arguments.'],
    [['run', 'a.json', 'b.json'], 'causeway run: expected <graph.json>, got 2 arguments.'],
    [['run', 'g.json', '--concurrency', 'many'], 'causeway run: --concurrency must be a whole number from 1 to 256, not "many".'],
    [['run', 'g.json', '--concurrency', '0'], 'causeway run: --concurrency must be a whole number from 1 to 256, not "0".'],
    [['run', 'g.json', '--out'], "causeway run: Option '--out <value>' argument missing"],
    [['validate', '--json', 'g.json'], "causeway validate: Unknown option '--json'"],
    [['nodes', 'extra'], 'causeway nodes: expected no arguments, got 1 argument.'],
    [['test', '--reporter', 'tap', '.'], 'causeway test: --reporter must be one of pretty, json, junit, not "tap".'],
    [['test', '--jobs', '0', '.'], 'causeway test: --jobs must be a whole number from 1 to 64, not "0".'],
  ])('refuses %j with one line and exit 2', async (args, line) => {
    const io = bufferIo();
    expect(await main(args, io, '/')).toBe(2);
    expect(io.out).toEqual([]);
    expect(io.err).toEqual([`${line}\n`]);
  });

  it('prints help on stdout with --help, and on stderr with exit 2 when no command is given', async () => {
    const help = bufferIo();
    expect(await main(['run', '--help'], help, '/')).toBe(0);
    expect(help.out.join('')).toContain('causeway validate <graph.json>');
    const none = bufferIo();
    expect(await main([], none, '/')).toBe(2);
    expect(none.err.join('')).toContain('Usage:');
  });

  it('runs a graph and writes its outputs', async () => {
    const out = await mkdtemp(join(tmpdir(), 'causeway-main-'));
    try {
      const io = bufferIo();
      expect(await main(['run', join(graphs, 'inline-select.json'), '--out', out], io, '/')).toBe(0);
      expect((await readdir(out)).sort()).toEqual(['people.table.arrow', 'people.table.csv', 'pick.table.arrow', 'pick.table.csv']);
      expect(io.err.at(-1)).toBe(`wrote 4 files to ${out}\n`);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('exits 130 and writes nothing when the run is cancelled (Ctrl-C)', async () => {
    const io = bufferIo(AbortSignal.abort());
    expect(await main(['run', join(graphs, 'inline-select.json'), '--out', '/nonexistent/never'], io, '/')).toBe(130);
    expect(io.err.join('')).toMatch(/run cancelled in \d+ ms/);
  });
});
