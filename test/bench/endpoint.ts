/**
 * Model endpoint under load: `POST /api/endpoints/:name/predict` of the real server (started as
 * `causeway serve` in a child process, on PostgreSQL, sampling on) beside a bare `node:http` +
 * onnxruntime-node server (a second child) scoring the same model from the same JSON rows, with the
 * load generator (autocannon) in this process. Same run, same model, same one-row requests, same
 * onnxruntime session options.
 *   1. throughput: as many requests as 16 connections get through in `seconds`; target ≥ 0.7× the bare server;
 *      beside it each server's CPU time per request (user + system, from /proc), which a loaded
 *      machine disturbs less than requests per second;
 *   2. latency at a fixed 1,000 requests/s, interleaved rounds: p50 and p99 (median of the rounds); target p99 ≤ 10 ms.
 * Loopback addresses only.
 *
 * With --pipeline the registered version carries a scoring path of four row-wise nodes (date parts,
 * derive, impute, scale): the endpoint takes the raw row and applies them, the bare server takes the
 * features the path makes of that row; target ≥ 0.6× the bare server.
 *
 * Run: npx tsx test/bench/endpoint.ts [seconds=10] [--rounds 3] [--pin] [--prof <dir>] [--pipeline]
 *   --rounds  rounds per side, interleaved, for throughput and for latency;
 *   --pin   this process (the load generator) on CPU 0, both servers on CPU 1 (Linux `taskset`);
 *   --prof  both servers write a V8 CPU profile (`node --cpu-prof`) into <dir> when they stop.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import * as ort from 'onnxruntime-node';
import { ArtifactStore } from '../../server/src/artifacts/artifact-store';
import { connectDatabase } from '../../server/src/db/connect';
import { migrate } from '../../server/src/db/migrate';
import { servingSessionOptions } from '../../server/src/endpoints/served-model';
import { trainChurnModels } from '../../server/src/endpoints/test-models';
import { ModelRegistry } from '../../server/src/models/model-registry';
import { scratchPostgresDatabase } from '../../server/src/test-support/scratch-postgres-database';
import { pipelineChurnModel } from './pipeline-model';

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const row = { age: 47.5, visits: 12, member: true, plan: 'plus' };

/** The bare server: parse, build one tensor per feature, run, answer. No auth, no card checks, no figures. */
async function bareServer(onnxFile: string, cardFile: string): Promise<void> {
  const session = await ort.InferenceSession.create(await readFile(onnxFile), servingSessionOptions);
  const card = JSON.parse(await readFile(cardFile, 'utf8')) as { features: { name: string; type: string }[]; classes: string[] };
  const doubles = new Set(session.inputMetadata.filter((m) => m.isTensor && m.type === 'float64').map((m) => m.name));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const rows = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rows: Record<string, unknown>[] }).rows;
        const n = rows.length;
        const feeds: Record<string, ort.Tensor> = {};
        for (const f of card.features) {
          feeds[f.name] =
            f.type === 'string'
              ? new ort.Tensor(
                  'string',
                  rows.map((r) => String(r[f.name])),
                  [n, 1],
                )
              : doubles.has(f.name)
                ? new ort.Tensor(
                    'float64',
                    Float64Array.from(rows, (r) => Number(r[f.name])),
                    [n, 1],
                  )
                : new ort.Tensor(
                    'float32',
                    Float32Array.from(rows, (r) => Number(r[f.name])),
                    [n, 1],
                  );
        }
        const out = await session.run(feeds, ['probabilities']);
        const p = out.probabilities?.data as Float32Array;
        const k = card.classes.length;
        const probabilities = rows.map((_, i) => Object.fromEntries(card.classes.map((c, j) => [c, p[i * k + j]])));
        const predictions = probabilities.map((q) => card.classes.reduce((a, b) => ((q[b] as number) > (q[a] as number) ? b : a)));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ version: 1, predictions, probabilities }));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      }
    });
  });
  // Exit on SIGTERM, as `causeway serve` does, so `--cpu-prof` writes its profile.
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

interface Flags {
  seconds: number;
  pin: boolean;
  rounds: number;
  prof: string | undefined;
  pipeline: boolean;
}

function flagsOf(args: string[]): Flags {
  const flags: Flags = { seconds: 10, pin: false, rounds: 3, prof: undefined, pipeline: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--pin') flags.pin = true;
    else if (arg === '--pipeline') flags.pipeline = true;
    else if (arg === '--rounds') flags.rounds = Number(args[++i]);
    else if (arg === '--prof') flags.prof = args[++i];
    else flags.seconds = Number(arg);
  }
  if (!(Number.isInteger(flags.rounds) && flags.rounds > 0))
    throw new Error(`--rounds needs a positive whole number, got ${args.join(' ')}`);
  if (!(flags.seconds > 0)) throw new Error(`seconds must be a positive number, got ${args.join(' ')}`);
  if (args.includes('--prof') && !flags.prof) throw new Error('--prof needs a directory');
  return flags;
}

/** Starts a node child (pinned and profiled per the flags) and resolves with the first stdout line matching `pattern`. */
async function startChild(
  flags: Flags,
  args: string[],
  env: Record<string, string>,
  pattern: RegExp,
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const node = [...(flags.prof ? ['--cpu-prof', '--cpu-prof-dir', flags.prof] : []), ...args];
  const [command, argv] = flags.pin ? ['taskset', ['-c', '1', process.execPath, ...node]] : [process.execPath, node];
  const child = spawn(command as string, argv as string[], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready: ${seen}`)));
  });
}

/** User + system CPU time of a process so far, in ms (Linux /proc; `taskset` execs, so the pid is node's). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / 100;
}

function load(url: string, headers: Record<string, string>, body: string, options: { seconds: number; rate?: number }) {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections: 16,
    duration: options.seconds,
    ...(options.rate === undefined ? {} : { overallRate: options.rate }),
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(flags: Flags): Promise<void> {
  const { seconds } = flags;
  if (flags.pin) execFileSync('taskset', ['-acp', '0', String(process.pid)], { stdio: 'ignore' });
  const dir = await mkdtemp(join(tmpdir(), 'causeway-endpoint-bench-'));
  const database = await scratchPostgresDatabase();
  const children: ChildProcess[] = [];
  try {
    const piped = flags.pipeline ? await pipelineChurnModel() : undefined;
    const logistic = piped ? piped.model : (await trainChurnModels()).logistic;
    const handle = await connectDatabase({ kind: 'postgres', url: database.url });
    await migrate(handle.db);
    const registry = new ModelRegistry(handle.db, new ArtifactStore(handle.db, join(dir, 'artifacts')));
    await registry.register({
      name: 'churn',
      onnx: logistic.onnx,
      card: logistic.card,
      metrics: {},
      gate: { passed: true, reason: 'bench' },
      ...(piped ? { scoringPath: piped.path } : {}),
    });
    await handle.close();
    await writeFile(join(dir, 'model.onnx'), logistic.onnx);
    await writeFile(join(dir, 'card.json'), JSON.stringify(logistic.card));

    const real = await startChild(
      flags,
      [join(root, 'server/bin/causeway.mjs'), 'serve', '--port', '0'],
      { DATABASE_URL: database.url, CAUSEWAY_DATA_DIR: dir, HOST: '127.0.0.1' },
      /running at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/,
    );
    children.push(real.child);
    const [, base, token] = real.match as unknown as [string, string, string];
    const auth = { authorization: `Bearer ${token}` };
    const api = (path: string, payload: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    for (const [path, payload] of [
      ['/api/endpoints', { name: 'churn', model: 'churn', sampleRate: 0.05 }],
      ['/api/endpoints/churn/promote', { version: 1 }],
    ] as const) {
      const response = await api(path, payload);
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    }
    // Run by node itself with tsx's loader, as `causeway serve` is, so the pid is the server's.
    const bare = await startChild(
      flags,
      ['--import', 'tsx', self, 'bare', join(dir, 'model.onnx'), join(dir, 'card.json')],
      {},
      /listening (\d+)/,
    );
    children.push(bare.child);
    const targets = {
      bare: {
        url: `http://127.0.0.1:${bare.match[1]}/`,
        headers: {},
        body: JSON.stringify({ rows: [piped ? piped.featureRow : row] }),
        pid: bare.child.pid as number,
      },
      endpoint: {
        url: `${base}/api/endpoints/churn/predict`,
        headers: auth,
        body: JSON.stringify({ rows: [piped ? piped.rawRow : row] }),
        pid: real.child.pid as number,
      },
    };
    // Same answers from both before timing anything.
    const answers = await Promise.all(
      Object.values(targets).map(
        async (t) =>
          (await (
            await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...t.headers }, body: t.body })
          ).json()) as {
            predictions: unknown[];
          },
      ),
    );
    if (JSON.stringify(answers[0]?.predictions) !== JSON.stringify(answers[1]?.predictions))
      throw new Error(`The servers disagree: ${JSON.stringify(answers)}`);

    for (const t of Object.values(targets)) await load(t.url, t.headers, t.body, { seconds: 2 }); // warm-up
    const throughput: Record<string, number[]> = { bare: [], endpoint: [] };
    const cpuPerRequest: Record<string, number[]> = { bare: [], endpoint: [] };
    const generatorShare: number[] = [];
    for (let round = 0; round < flags.rounds; round++) {
      for (const [name, t] of Object.entries(targets)) {
        const [cpu0, own0] = [cpuMs(t.pid), process.cpuUsage()];
        const result = await load(t.url, t.headers, t.body, { seconds });
        const [cpu1, own1] = [cpuMs(t.pid), process.cpuUsage(own0)];
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        throughput[name]?.push(result.requests.average);
        cpuPerRequest[name]?.push(((cpu1 - cpu0) * 1000) / result.requests.total);
        generatorShare.push((own1.user + own1.system) / 1000 / (seconds * 1000));
      }
    }
    const best = (xs: number[] = []) => Math.max(...xs);
    const [bareRps, endpointRps] = [best(throughput.bare), best(throughput.endpoint)];
    const [bareCpu, endpointCpu] = [median(cpuPerRequest.bare ?? []), median(cpuPerRequest.endpoint ?? [])];
    const rounds = (xs: number[] = [], digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');
    console.log(
      `throughput, 16 connections, ${seconds} s, best of ${flags.rounds} interleaved rounds (requests/s)${flags.pin ? ', pinned' : ''}:`,
    );
    console.log(`  bare node:http + onnxruntime-node  ${bareRps.toFixed(0)}  (rounds ${rounds(throughput.bare)})`);
    console.log(`  POST /api/endpoints/churn/predict  ${endpointRps.toFixed(0)}  (rounds ${rounds(throughput.endpoint)})`);
    console.log(
      `  ratio ${(endpointRps / bareRps).toFixed(2)}× (target ≥ ${flags.pipeline ? '0.6× through a 4-node scoring path' : '0.7×'})`,
    );
    console.log(`server CPU time per request, user + system, median of the ${flags.rounds} rounds (µs):`);
    console.log(`  bare ${bareCpu.toFixed(0)}  (rounds ${rounds(cpuPerRequest.bare)})`);
    console.log(`  endpoint ${endpointCpu.toFixed(0)}  (rounds ${rounds(cpuPerRequest.endpoint)})`);
    console.log(`  ratio bare/endpoint ${(bareCpu / endpointCpu).toFixed(2)}×`);
    console.log(`load generator busy ${rounds(generatorShare.map((x) => x * 100))} % of one core per round`);
    // Interleaved as well, so a burst of other work on the machine does not land on one side only.
    const latency: Record<string, { p50: number; p99: number; max: number; rps: number }[]> = { bare: [], endpoint: [] };
    for (let round = 0; round < flags.rounds; round++) {
      for (const [name, t] of Object.entries(targets)) {
        const result = await load(t.url, t.headers, t.body, { seconds, rate: 1000 });
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        const { p50, p99, max } = result.latency;
        latency[name]?.push({ p50, p99, max, rps: result.requests.average });
      }
    }
    console.log(`latency at a fixed 1,000 requests/s, ${seconds} s per round, ${flags.rounds} interleaved rounds (ms):`);
    for (const [name, rounds] of Object.entries(latency)) {
      const at = (key: 'p50' | 'p99') => median(rounds.map((r) => r[key]));
      console.log(
        `  ${name.padEnd(8)} median p50 ${at('p50')}  median p99 ${at('p99')}  (rounds p50/p99/max: ${rounds.map((r) => `${r.p50}/${r.p99}/${r.max}`).join(', ')}; ${rounds.map((r) => r.rps.toFixed(0)).join(', ')} req/s)`,
      );
    }
  } finally {
    for (const child of children) {
      child.kill('SIGTERM');
      await once(child, 'exit').catch(() => {});
    }
    await database.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'bare') await bareServer(process.argv[3] as string, process.argv[4] as string);
else await main(flagsOf(process.argv.slice(2)));
