import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The folder of PostgreSQL's server programs: `PG_BIN` when set, else the newest
 * `/usr/lib/postgresql/<version>/bin` (Debian's layout), else the folder on PATH that has `initdb`.
 */
export function postgresBin(env: Record<string, string | undefined> = process.env): string {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const candidates = [...versions.map((v) => join(root, v, 'bin')), ...(env.PATH ?? '').split(':').filter(Boolean)];
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')));
  if (!found) throw new Error('No PostgreSQL server programs (initdb) found: install PostgreSQL or set PG_BIN.');
  return found;
}

/**
 * A throwaway PostgreSQL server in a temp folder on its own port, so a test can stop and start
 * it without disturbing the shared server on 5432. Runs as the `postgres` user when started as root.
 */
export async function privatePostgres(): Promise<{
  url: string;
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}> {
  const bin = postgresBin();
  const dir = await mkdtemp(join(tmpdir(), 'causeway-pg-'));
  const data = join(dir, 'data');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const asPostgres = async (file: string, args: string[]) => {
    if (process.getuid?.() === 0) await run('runuser', ['-u', 'postgres', '--', file, ...args]);
    else await run(file, args);
  };
  if (process.getuid?.() === 0) await chown(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), 0);
  await asPostgres(`${bin}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const start = () =>
    asPostgres(`${bin}/pg_ctl`, [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      'start',
    ]);
  // `immediate`: the server is killed (no checkpoint; crash recovery at the next start); `fast`: an orderly shutdown.
  const stop = (mode: 'immediate' | 'fast' = 'immediate') => asPostgres(`${bin}/pg_ctl`, ['-D', data, '-m', mode, '-w', 'stop']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: async () => {
      await stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
