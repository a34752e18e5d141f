/**
 * The compiled product against the tsx path, in the same run, taking turns: `causeway validate` on
 * an empty graph (wall time of the whole process), `causeway serve` from spawn to the printed URL,
 * and the idle server's resident memory (VmRSS of the process, its run threads included) once the
 * URL is printed and start-up has settled. CPU time (user + system, all threads) is printed beside the
 * wall times: on a loaded machine it is the steadier figure. The serve figures are taken on PGlite (the default) and,
 * when PostgreSQL answers at CAUSEWAY_BENCH_DATABASE_URL (default the local test server), on it.
 * The baseline is server/, sdk/ and nodes/ of another commit (CAUSEWAY_BENCH_BASE, default the merge
 * base with main) run the way that commit runs them, extracted into a temp folder beside this
 * checkout's node_modules. Targets (issue 15): validate ≤ 500 ms, idle RSS ≤ 250 MB, URL ≤ 2 s.
 *
 * Run: npx tsx test/bench/compiled-startup.ts   (CAUSEWAY_BENCH_ROUNDS, default 5)
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { repoRoot } from '../cli/run-cli';

const rounds = Number(process.env.CAUSEWAY_BENCH_ROUNDS ?? 5);
const adminUrl = process.env.CAUSEWAY_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The packages of `commit`, beside this checkout's node_modules; returns its `causeway` bin. */
function baselineBin(commit: string): string {
  const folder = join(tmpdir(), `causeway-compiled-startup-${commit.slice(0, 12)}`);
  if (!existsSync(join(folder, 'server/bin/causeway.mjs'))) {
    mkdirSync(folder, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} server sdk nodes templates | tar -x -C ${folder}`], { cwd: repoRoot });
  }
  if (!existsSync(join(folder, 'node_modules'))) symlinkSync(join(repoRoot, 'node_modules'), join(folder, 'node_modules'));
  return join(folder, 'server/bin/causeway.mjs');
}

/** Wall and CPU (user + system) time of one `causeway validate` process, in ms (CPU through /usr/bin/time). */
function validateMs(bin: string, graph: string): { wall: number; cpu: number } {
  const started = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, bin, 'validate', graph], { encoding: 'utf8' });
  const wall = performance.now() - started;
  if (!result.stdout.includes('valid (0 nodes')) throw new Error(`validate printed ${result.stdout} ${result.stderr}`);
  const [, user, system] = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr) ?? [];
  return { wall, cpu: (Number(user) + Number(system)) * 1000 };
}

/** CPU time (user + system, every thread) the process has used so far, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1]) / 1024;
}

/** Starts `causeway serve`, measures spawn → printed URL, then the idle RSS, and stops it. */
async function serveOnce(bin: string, env: Record<string, string>): Promise<{ urlMs: number; cpu: number; rss: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  try {
    let cpu = 0;
    const urlMs = await new Promise<number>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('Causeway is running at')) {
          cpu = cpuMs(child.pid as number);
          resolve(performance.now() - started);
        }
      });
      void exited.then(() => reject(new Error(`serve exited before its URL: ${stderr}`)));
    });
    // Idle: start-up's garbage collected and its timers run; the figure is the resident set after that.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    return { urlMs, cpu, rss: rssMb(child.pid as number) };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

async function scratchDatabase(name: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.href;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<void> {
  const base = process.env.CAUSEWAY_BENCH_BASE ?? git('merge-base', 'HEAD', 'main');
  const variants = { 'tsx (baseline)': baselineBin(base), compiled: join(repoRoot, 'server/bin/causeway.mjs') };
  execFileSync(process.execPath, [join(repoRoot, 'server/scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const dir = await mkdtemp(join(tmpdir(), 'causeway-compiled-startup-'));
  const graph = join(dir, 'empty.json');
  writeFileSync(graph, JSON.stringify({ format: 'causeway.graph/1', id: 'empty', name: 'empty', nodes: [], edges: [] }));
  console.log(`baseline ${base.slice(0, 12)}, ${rounds} rounds, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
  try {
    const validate = new Map<string, Array<{ wall: number; cpu: number }>>();
    for (let round = 0; round < rounds; round++) {
      for (const [name, bin] of Object.entries(variants)) validate.set(name, [...(validate.get(name) ?? []), validateMs(bin, graph)]);
    }
    console.log('\ncauseway validate, empty graph (medians):');
    for (const [name, times] of validate) {
      console.log(
        `  ${name.padEnd(16)} wall ${median(times.map((t) => t.wall)).toFixed(0)} ms, CPU ${median(times.map((t) => t.cpu)).toFixed(0)} ms`,
      );
    }

    const targets: Array<[string, (name: string) => Promise<Record<string, string>>]> = [
      ['PGlite', async (name) => ({ CAUSEWAY_DATA_DIR: join(dir, name) })],
    ];
    for (const [store, envOf] of targets.concat(
      (await scratchDatabase('causeway_bench_probe')) === undefined
        ? []
        : [
            [
              'PostgreSQL',
              async (name) => ({
                CAUSEWAY_DATA_DIR: join(dir, `pg-${name}`),
                DATABASE_URL: (await scratchDatabase(`causeway_bench_${name}`)) as string,
              }),
            ],
          ],
    )) {
      const results = new Map<string, Array<{ urlMs: number; cpu: number; rss: number }>>();
      const envs = new Map<string, Record<string, string>>();
      for (const [name, bin] of Object.entries(variants)) {
        const key = name.replace(/\W+/g, '_');
        const env = await envOf(key);
        envs.set(name, env);
        await serveOnce(bin, env); // first start: creates and migrates the database, not measured
      }
      for (let round = 0; round < rounds; round++) {
        for (const [name, bin] of Object.entries(variants)) {
          results.set(name, [...(results.get(name) ?? []), await serveOnce(bin, envs.get(name) as Record<string, string>)]);
        }
      }
      console.log(`\ncauseway serve on ${store}, started before (medians):`);
      for (const [name, runs] of results) {
        console.log(
          `  ${name.padEnd(16)} URL after ${median(runs.map((r) => r.urlMs)).toFixed(0)} ms (CPU ${median(runs.map((r) => r.cpu)).toFixed(0)} ms), idle RSS ${median(runs.map((r) => r.rss)).toFixed(0)} MB`,
        );
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
