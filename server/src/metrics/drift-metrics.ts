import { type Kysely, sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';

/** Features kept per endpoint (the most drifted first), so a wide table cannot flood the scrape. */
export const driftFeaturesPerEndpoint = 50;

/** One feature's scores from the latest drift check of an endpoint. */
export interface FeatureDrift {
  feature: string;
  psi: number;
  ks?: number;
  drifted: boolean;
}

interface LatestDriftNode {
  endpoint: string;
  status: string;
  error: unknown;
  outputs: unknown;
}

/**
 * The `validate.drift` node of the newest finished run, per endpoint, of a graph that reads that
 * endpoint's requests (the graphs whose failures fire `on_drift_of` schedules).
 */
async function latestDriftNodes(db: Kysely<Database>): Promise<LatestDriftNode[]> {
  const { rows } = await sql<LatestDriftNode>`
    select distinct on (e.name) e.name as endpoint, n.status, n.error, n.outputs
    from endpoints e
    join graph_versions v on (v.graph::jsonb -> 'nodes') @> jsonb_build_array(
      jsonb_build_object('type', 'source.endpoint-requests', 'config', jsonb_build_object('endpoint', e.name)))
    join runs r on r.graph_id = v.graph_id and r.graph_version = v.version and r.status in ('succeeded', 'failed')
    join node_runs n on n.run_id = r.id and n.status in ('succeeded', 'failed')
      and (v.graph::jsonb -> 'nodes') @> jsonb_build_array(jsonb_build_object('id', n.node_id, 'type', 'validate.drift'))
    order by e.name, r.finished_at desc nulls last, r.id desc`.execute(db);
  return rows;
}

interface Check {
  name?: unknown;
  passed?: unknown;
  details?: { psi?: unknown; ks?: unknown };
}

function fromChecks(checks: Check[]): FeatureDrift[] {
  const found: FeatureDrift[] = [];
  for (const check of checks) {
    const name = typeof check.name === 'string' && check.name.endsWith(' drift') ? check.name.slice(0, -' drift'.length) : undefined;
    const psi = check.details?.psi;
    if (name === undefined || typeof psi !== 'number' || !Number.isFinite(psi)) continue;
    const ks = check.details?.ks;
    found.push({ feature: name, psi, ...(typeof ks === 'number' && Number.isFinite(ks) ? { ks } : {}), drifted: check.passed !== true });
  }
  return found;
}

// The summary a stopping drift node fails with lists each drifted feature as
// "age drift (drifted: PSI 0.5312 > 0.2, KS 0.4101 > 0.1)" (see nodes/src/validate/feature-drift.ts).
const failedCheck =
  /^(.+) drift \(drifted: PSI (-?[\d.]+(?:e[-+]?\d+)?)(?: > [^,)]+)?(?:, KS (-?[\d.]+(?:e[-+]?\d+)?)(?: > [^)]+)?)?\)\.?$/;

/** The drifted features named in a failed drift node's message (its report is not kept: the node stopped the run). */
export function driftFromFailure(message: string): FeatureDrift[] {
  const list = message.slice(message.indexOf(' failed: ') + ' failed: '.length);
  const found: FeatureDrift[] = [];
  for (const part of list.split('; ')) {
    const [, feature, psi, ks] = failedCheck.exec(part) ?? [];
    if (feature === undefined || psi === undefined) continue;
    found.push({ feature, psi: Number(psi), ...(ks === undefined ? {} : { ks: Number(ks) }), drifted: true });
  }
  return found;
}

const decoder = new TextDecoder();

async function scoresOf(node: LatestDriftNode, artifacts: ArtifactStore | undefined): Promise<FeatureDrift[]> {
  if (node.status === 'failed') {
    const message = (node.error as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? driftFromFailure(message) : [];
  }
  const report = (node.outputs as Record<string, { value?: unknown; artifact?: unknown } | undefined> | null)?.report;
  let value = report?.value;
  if (value === undefined && typeof report?.artifact === 'string' && artifacts !== undefined) {
    try {
      value = JSON.parse(decoder.decode(await artifacts.read(report.artifact)));
    } catch {
      return []; // Released by retention: the endpoint shows no drift series until the next check.
    }
  }
  const checks = (value as { checks?: unknown } | undefined)?.checks;
  return Array.isArray(checks) ? fromChecks(checks as Check[]) : [];
}

/**
 * `causeway_endpoint_drift{endpoint, feature, statistic}`: PSI and KS per feature from the latest drift
 * check of each endpoint (a `validate.drift` node in a graph reading the endpoint's requests), and
 * `causeway_endpoint_drifted_features{endpoint}`. A check that stopped its run keeps only the drifted
 * features, rounded to 4 decimals as its message states them.
 */
export function driftMetrics(registry: Registry, db: Kysely<Database>, artifacts: ArtifactStore | undefined): void {
  const latest = async (): Promise<Array<{ endpoint: string; scores: FeatureDrift[] }>> =>
    Promise.all((await latestDriftNodes(db)).map(async (node) => ({ endpoint: node.endpoint, scores: await scoresOf(node, artifacts) })));
  new Gauge({
    name: 'causeway_endpoint_drifted_features',
    help: 'Features over their drift threshold in the latest drift check of the endpoint.',
    labelNames: ['endpoint'],
    registers: [registry],
    async collect() {
      const checks = await latest();
      this.reset();
      for (const { endpoint, scores } of checks) this.set({ endpoint }, scores.filter((s) => s.drifted).length);
    },
  });
  new Gauge({
    name: 'causeway_endpoint_drift',
    help: `PSI and KS per feature in the latest drift check of the endpoint (at most ${driftFeaturesPerEndpoint} features, most drifted first).`,
    labelNames: ['endpoint', 'feature', 'statistic'],
    registers: [registry],
    async collect() {
      const checks = await latest();
      this.reset();
      for (const { endpoint, scores } of checks) {
        const kept = [...scores].sort((a, b) => b.psi - a.psi).slice(0, driftFeaturesPerEndpoint);
        for (const s of kept) {
          this.set({ endpoint, feature: s.feature, statistic: 'psi' }, s.psi);
          if (s.ks !== undefined) this.set({ endpoint, feature: s.feature, statistic: 'ks' }, s.ks);
        }
      }
    },
  });
}
