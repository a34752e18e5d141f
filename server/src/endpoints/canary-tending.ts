import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { canaryVerdict, type LiveFigures, type VersionFigures } from './canary-verdict';
import type { EndpointChanges } from './endpoint-changes';
import { endpointStateOf } from './endpoint-state';
import { readLiveMetrics } from './live-metrics-read';

/** What is posted to a canary policy's `alertUrl` when the policy ends a canary. */
export interface CanaryAlert {
  event: 'endpoint.canary_ended';
  /** One line for chat receivers (Slack-compatible incoming webhooks show it). */
  text: string;
  endpoint: string;
  model: string;
  activeVersion: number | null;
  canaryVersion: number;
  reason: string;
}

/** Posts a canary alert; rejects when the receiver cannot be reached or answers outside 2xx. */
export type CanaryAlertPoster = (url: string, alert: CanaryAlert) => Promise<void>;

/**
 * Settles every canary whose policy time is up: reads both versions' stored counts since the canary
 * started (every process writes them) and, when the policy compares live performance, their live
 * metrics from feedback, asks {@link canaryVerdict}, promotes or ends the canary, and
 * alerts when it ended. Runs on the scheduler's tick; several processes may tend at once, and the
 * change is applied by the one that finds the canary still as it judged it.
 */
export async function tendCanaries(deps: {
  db: Kysely<Database>;
  changes: EndpointChanges;
  logger: Logger;
  now: number;
  post?: CanaryAlertPoster | undefined;
}): Promise<{ promoted: string[]; ended: string[] }> {
  const settled = { promoted: [] as string[], ended: [] as string[] };
  const rows = await deps.db
    .selectFrom('endpoints')
    .selectAll()
    .where('canary_policy', 'is not', null)
    .where('canary_version', 'is not', null)
    .where('canary_started_at', 'is not', null)
    .execute();
  for (const state of rows.map(endpointStateOf)) {
    const { canaryPolicy: policy, canaryStartedAt: startedAt, canaryVersion } = state;
    if (policy === null || startedAt === null || canaryVersion === null) continue;
    if (deps.now < startedAt.getTime() + policy.durationMinutes * 60_000) continue;
    const figures = await versionFigures(deps.db, state.name, startedAt);
    const none = { requests: 0, errors: 0, latencyMsSum: 0 };
    let live: LiveFigures | undefined;
    if (policy.maxLivePerformanceDrop !== undefined) {
      // Hourly sums: the window starts at the hour the canary started, for both versions alike.
      const { versions } = await readLiveMetrics(deps.db, state.name, { period: 'hour', since: startedAt, until: new Date(deps.now) });
      live = {
        active: versions.find((v) => v.version === state.activeVersion),
        canary: versions.find((v) => v.version === canaryVersion),
      };
    }
    const verdict = canaryVerdict(
      policy,
      startedAt,
      deps.now,
      { active: figures.get(state.activeVersion ?? -1) ?? none, canary: figures.get(canaryVersion) ?? none },
      live,
    );
    if (verdict.decision === 'wait') continue;
    const decided = { decision: verdict.decision, reason: verdict.reason };
    const changed = await deps.changes.settleCanary(state.name, { version: canaryVersion, startedAt }, decided);
    if (changed === undefined) continue;
    if (verdict.decision === 'promote') {
      settled.promoted.push(state.name);
      continue;
    }
    settled.ended.push(state.name);
    if (policy.alertUrl === undefined || deps.post === undefined) continue;
    const alert: CanaryAlert = {
      event: 'endpoint.canary_ended',
      text: `Canary of "${state.name}" (version ${canaryVersion}) ended by its policy: ${verdict.reason}.`,
      endpoint: state.name,
      model: state.modelName,
      activeVersion: state.activeVersion,
      canaryVersion,
      reason: verdict.reason,
    };
    await deps.post(policy.alertUrl, alert).then(
      () => deps.logger.info('canary alert sent', { endpoint: state.name }),
      (error: unknown) =>
        deps.logger.warn('canary alert not sent', { endpoint: state.name, error: error instanceof Error ? error.message : String(error) }),
    );
  }
  return settled;
}

/** Requests, errors and latency per version of one endpoint, stored from `since`'s minute on. */
async function versionFigures(db: Kysely<Database>, endpoint: string, since: Date): Promise<Map<number, VersionFigures>> {
  const rows = await db
    .selectFrom('endpoint_counts')
    .select([
      'version',
      sql<number>`sum(requests)::float8`.as('requests'),
      sql<number>`sum(errors)::float8`.as('errors'),
      sql<number>`sum(latency_ms_sum)::float8`.as('latency'),
    ])
    .where('endpoint_name', '=', endpoint)
    .where('minute', '>=', new Date(Math.floor(since.getTime() / 60_000) * 60_000))
    .groupBy('version')
    .execute();
  return new Map(rows.map((r) => [r.version, { requests: Number(r.requests), errors: Number(r.errors), latencyMsSum: Number(r.latency) }]));
}
