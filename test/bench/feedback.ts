/**
 * Prediction feedback, three figures, each beside its baseline in the same run, on PostgreSQL:
 *   1. prediction logging: `causeway serve` (child process) answers one-row predict requests on two
 *      endpoints of the same model, one with feedback on (every row logged) and one with it off
 *      (5 % sampled), 16 connections, interleaved rounds; target: on ≥ 0.8× off.
 *   2. feedback ingestion: `POST /feedback` of outcomes for logged predictions, 1,000 per call, 4 calls
 *      in flight; baseline: the same rows inserted into a bare table of the same shape with one
 *      unnest INSERT per 1,000 from this process; target ≥ 5,000 outcomes/s.
 *   3. live metrics of one endpoint with 1M logged predictions, all with outcomes, spread over 30 days:
 *      `GET /live-metrics?period=day` (median of 20); baseline: accuracy per day by scanning the
 *      logged predictions joined with their outcomes in SQL; target ≤ 100 ms.
 *
 * Run: npx tsx test/bench/feedback.ts [seconds=8] [--rounds 3] [--rows 1000000] [--live-only (figure 3 only)]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { ArtifactStore } from '../../server/src/artifacts/artifact-store';
import { connectDatabase } from '../../server/src/db/connect';
import { migrate } from '../../server/src/db/migrate';
import { modelVersionsIn } from '../../server/src/endpoints/model-version-source';
import { PredictionFeedback } from '../../server/src/endpoints/prediction-feedback';
import { trainChurnModels } from '../../server/src/endpoints/test-models';
import { ModelRegistry } from '../../server/src/models/model-registry';
import { scratchPostgresDatabase } from '../../server/src/test-support/scratch-postgres-database';

const root = fileURLToPath(new URL('../..', import.meta.url));
const body = JSON.stringify({ rows: [{ age: 47.5, visits: 12, member: true, plan: 'plus' }] });
const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const seconds = Number(args.find((a, i) => !a.startsWith('--') && !['--rounds', '--rows'].includes(args[i - 1] ?? '')) ?? 8);
const rounds = flag('--rounds', 3);
const logged = flag('--rows', 1_000_000);
const liveOnly = args.includes('--live-only');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; base: string; token: string }> {
  const child = spawn(process.execPath, [join(root, 'server/bin/causeway.mjs'), 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(/running at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/);
      if (match) resolve({ child, base: match[1] as string, token: match[2] as string });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${seen}`)));
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'causeway-feedback-bench-'));
  const database = await scratchPostgresDatabase();
  let child: ChildProcess | undefined;
  try {
    const { logistic } = await trainChurnModels();
    const handle = await connectDatabase({ kind: 'postgres', url: database.url });
    await migrate(handle.db);
    const artifacts = new ArtifactStore(handle.db, join(dir, 'artifacts'));
    await new ModelRegistry(handle.db, artifacts).register({
      name: 'churn',
      onnx: logistic.onnx,
      card: logistic.card,
      metrics: {},
      gate: { passed: true, reason: 'bench' },
    });
    // Rate limits off: both endpoints are loaded with one token for minutes.
    const server = await startServer({
      DATABASE_URL: database.url,
      CAUSEWAY_DATA_DIR: dir,
      HOST: '127.0.0.1',
      CAUSEWAY_RATE_PREDICT_PER_TOKEN: '0',
      CAUSEWAY_RATE_PREDICT_PER_IP: '0',
    });
    child = server.child;
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const api = async (method: string, path: string, payload?: unknown) => {
      const response = await fetch(`${server.base}${path}`, {
        method,
        headers: payload === undefined ? { authorization: auth.authorization } : auth,
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    for (const name of ['off', 'on']) {
      await api('POST', '/api/endpoints', { name, model: 'churn', sampleRate: 0.05 });
      await api('POST', `/api/endpoints/${name}/promote`, { version: 1 });
    }
    await api('POST', '/api/endpoints/on/sampling', { feedback: true });

    if (!liveOnly) {
      // 1. Logging on against off.
      const load = (name: string) =>
        autocannon({
          url: `${server.base}/api/endpoints/${name}/predict`,
          method: 'POST',
          headers: auth,
          body,
          connections: 16,
          duration: seconds,
        });
      for (const name of ['off', 'on'])
        await autocannon({
          ...{ url: `${server.base}/api/endpoints/${name}/predict` },
          method: 'POST',
          headers: auth,
          body,
          connections: 16,
          duration: 2,
        });
      const rps: Record<string, number[]> = { off: [], on: [] };
      for (let r = 0; r < rounds; r++) {
        for (const name of ['off', 'on']) {
          const result = await load(name);
          if (result.non2xx > 0 || result.errors > 0)
            throw new Error(`${name}: ${result.non2xx} non-2xx (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`);
          rps[name]?.push(result.requests.average);
        }
      }
      const best = (xs: number[] = []) => Math.max(...xs);
      console.log(`1. predict, one row, 16 connections, ${seconds} s, best of ${rounds} interleaved rounds (requests/s):`);
      console.log(`   feedback off (5 % sampled)  ${best(rps.off).toFixed(0)}  (rounds ${rps.off?.map((x) => x.toFixed(0)).join(', ')})`);
      console.log(`   feedback on (every row)     ${best(rps.on).toFixed(0)}  (rounds ${rps.on?.map((x) => x.toFixed(0)).join(', ')})`);
      console.log(`   ratio ${(best(rps.on) / best(rps.off)).toFixed(2)}× (target ≥ 0.8×)`);
      await new Promise((r) => setTimeout(r, 2_000));
      const stored = await sql<{ n: number }>`select count(*)::int as n from endpoint_samples where endpoint_name = 'on'`.execute(
        handle.db,
      );
      console.log(`   rows logged for "on": ${stored.rows[0]?.n}`);

      // 2. Ingestion: outcomes for synthetic logged predictions of "on".
      const ingest = 100_000;
      await sql`
      insert into endpoint_samples (endpoint_name, request_id, row_index, role, version, input, output, at)
      select 'on', 'ingest-' || g, 0, 'answer', 1, '{}'::jsonb,
        jsonb_build_object('prediction', case when g % 3 = 0 then 'yes' else 'no' end,
          'probabilities', jsonb_build_object('no', (g % 100) / 100.0, 'yes', 1 - (g % 100) / 100.0)), now()
      from generate_series(1, ${ingest}::int) g`.execute(handle.db);
      const batches = Array.from({ length: ingest / 1_000 }, (_, b) =>
        Array.from({ length: 1_000 }, (_, i) => ({
          requestId: `ingest-${b * 1_000 + i + 1}`,
          row: 0,
          outcome: i % 2 === 0 ? 'yes' : 'no',
        })),
      );
      await sql`create table bare_outcomes (endpoint_name text, request_id text, row_index int, outcome jsonb, primary key (endpoint_name, request_id, row_index))`.execute(
        handle.db,
      );
      let started = performance.now();
      for (const batch of batches) {
        await sql`insert into bare_outcomes select 'on', r, i, o from unnest(${batch.map((o) => o.requestId)}::text[], ${batch.map((o) => o.row)}::int[], ${batch.map((o) => JSON.stringify(o.outcome))}::jsonb[]) as t(r, i, o)`.execute(
          handle.db,
        );
      }
      const bareRate = ingest / ((performance.now() - started) / 1000);
      started = performance.now();
      let next = 0;
      let matched = 0;
      await Promise.all(
        [0, 1, 2, 3].map(async () => {
          while (next < batches.length) {
            const batch = batches[next++];
            const receipt = await api('POST', '/api/endpoints/on/feedback', { outcomes: batch });
            matched += Number(receipt.matched);
          }
        }),
      );
      const rate = ingest / ((performance.now() - started) / 1000);
      console.log(`2. feedback ingestion, ${ingest.toLocaleString()} outcomes, 1,000 per call, 4 calls in flight:`);
      console.log(`   bare unnest INSERT from this process, one at a time   ${bareRate.toFixed(0)} rows/s`);
      console.log(
        `   POST /api/endpoints/on/feedback (stored and counted)  ${rate.toFixed(0)} outcomes/s, ${matched} matched (target ≥ 5,000)`,
      );
    }
    // 3. Live metrics over `logged` predictions, all with outcomes, over 30 days.
    await api('POST', '/api/endpoints', { name: 'big', model: 'churn', sampleRate: 0 });
    await api('POST', '/api/endpoints/big/promote', { version: 1 });
    const now = Date.now();
    for (let from = 0; from < logged; from += 200_000) {
      const to = Math.min(logged, from + 200_000);
      await sql`
        insert into endpoint_samples (endpoint_name, request_id, row_index, role, version, input, output, at)
        select 'big', 'r' || g, 0, 'answer', 1, '{"age": 40, "visits": 3, "member": true, "plan": "plus"}'::jsonb,
          jsonb_build_object('prediction', case when g % 100 >= 50 then 'yes' else 'no' end,
            'probabilities', jsonb_build_object('no', 1 - (g % 100) / 100.0, 'yes', (g % 100) / 100.0)),
          to_timestamp((${now}::float8 - (g::float8 / ${logged}::float8) * 30.0 * 86400000.0) / 1000)
        from generate_series(${from + 1}::int, ${to}::int) g`.execute(handle.db);
      await sql`
        insert into endpoint_feedback (endpoint_name, request_id, row_index, outcome)
        select 'big', 'r' || g, 0, to_jsonb(case when (g::bigint * 7919) % 100 < g % 100 then 'yes' else 'no' end)
        from generate_series(${from + 1}::int, ${to}::int) g`.execute(handle.db);
    }
    const feedback = new PredictionFeedback(handle.db, modelVersionsIn(handle.db, artifacts));
    const applyStarted = performance.now();
    let applied = 0;
    for (let n = -1; n !== 0; ) {
      n = await feedback.apply({ name: 'big', modelName: 'churn' });
      applied += n;
    }
    const applySeconds = (performance.now() - applyStarted) / 1000;
    await sql`analyze`.execute(handle.db);
    const time = async (f: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        await f();
        ms.push(performance.now() - t0);
      }
      return median(ms);
    };
    const since = new Date(now - 31 * 86_400_000).toISOString();
    const live = await time(() => api('GET', `/api/endpoints/big/live-metrics?period=day&since=${since}`));
    const scan = await time(() =>
      sql`select date_trunc('day', s.at) as day, count(*), avg(case when s.output->>'prediction' = f.outcome #>> '{}' then 1 else 0 end)
          from endpoint_samples s join endpoint_feedback f using (endpoint_name, request_id, row_index)
          where s.endpoint_name = 'big' and s.role = 'answer' group by 1`.execute(handle.db),
    );
    const answer = await api('GET', `/api/endpoints/big/live-metrics?period=day&since=${since}`);
    const versions = answer.versions as { count: number; accuracy: number; auc: number }[];
    console.log(`3. live metrics, ${logged.toLocaleString()} logged predictions with outcomes over 30 days (median of 20):`);
    console.log(
      `   counted into hourly sums in ${applySeconds.toFixed(1)} s (${applied} outcomes, ${(applied / applySeconds).toFixed(0)}/s)`,
    );
    console.log(`   baseline: SQL scan, accuracy per day from the join   ${scan.toFixed(1)} ms`);
    console.log(`   GET /live-metrics?period=day                         ${live.toFixed(1)} ms (target ≤ 100 ms)`);
    console.log(`   counted ${versions[0]?.count}, accuracy ${versions[0]?.accuracy.toFixed(4)}, auc ${versions[0]?.auc.toFixed(4)}`);
    await handle.close();
  } finally {
    if (child) {
      child.kill('SIGTERM');
      await once(child, 'exit').catch(() => {});
    }
    await database.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
