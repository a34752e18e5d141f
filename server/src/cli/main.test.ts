import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io';
import { main } from './main';

function bufferIo(env: Record<string, string> = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, signal: new AbortController().signal };
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
});
