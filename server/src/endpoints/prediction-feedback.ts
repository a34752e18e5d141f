import type { ModelCard } from '@causeway/sdk';
import { UserError } from '@causeway/sdk';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import type { EndpointState } from './endpoint-state';
import { type LiveSums, liveSums, type MatchedOutcome } from './live-metric-sums';
import type { ModelVersionSource } from './model-version-source';

/** One outcome as sent: the prediction's request id, its row in that request, what really happened. */
export interface OutcomeInput {
  requestId: string;
  row: number;
  outcome: string | number | boolean;
}

/** What a feedback call did: new outcomes stored, ones already known, and how many matched a logged prediction now. */
export interface FeedbackReceipt {
  received: number;
  stored: number;
  duplicates: number;
  matched: number;
  pending: number;
}

// Outcomes that arrived before their prediction was logged are matched for this long after they arrived.
const pendingWindow = '1 day';

/**
 * Outcomes of logged predictions, and the live figures they feed. An outcome is added to the hourly
 * sums exactly once: the feedback row is claimed (`applied_at`) in the same transaction that adds it,
 * with `SKIP LOCKED` so processes applying at once take different rows.
 */
export class PredictionFeedback {
  private readonly cards = new Map<string, ModelCard | undefined>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly versions: ModelVersionSource,
  ) {}

  /** Stores outcomes (the first sent for an id is kept) and applies those whose prediction is logged. */
  async receive(state: EndpointState, outcomes: readonly OutcomeInput[]): Promise<FeedbackReceipt> {
    await this.check(state, outcomes);
    const requestIds = outcomes.map((o) => o.requestId);
    const rows = outcomes.map((o) => o.row);
    const values = outcomes.map((o) => JSON.stringify(o.outcome));
    const inserted = await sql<{ request_id: string; row_index: number }>`
      insert into endpoint_feedback (endpoint_name, request_id, row_index, outcome)
      select ${state.name}, r, i, o from unnest(${requestIds}::text[], ${rows}::int[], ${values}::jsonb[]) as t(r, i, o)
      on conflict (endpoint_name, request_id, row_index) do nothing
      returning request_id, row_index`.execute(this.db);
    const fresh = inserted.rows;
    const matched =
      fresh.length === 0
        ? 0
        : await this.apply(state, {
            requestIds: fresh.map((r) => r.request_id),
            rows: fresh.map((r) => r.row_index),
          });
    return {
      received: outcomes.length,
      stored: fresh.length,
      duplicates: outcomes.length - fresh.length,
      matched,
      pending: fresh.length - matched,
    };
  }

  /**
   * Adds pending outcomes whose prediction is now logged to the hourly sums; `only` limits it to some
   * ids (a feedback call), otherwise every outcome that arrived within a day. Returns how many.
   */
  async apply(state: Pick<EndpointState, 'name' | 'modelName'>, only?: { requestIds: string[]; rows: number[] }): Promise<number> {
    for (;;) {
      try {
        return await this.applyOnce(state, only);
      } catch (error) {
        if (!(error instanceof CardsNeeded)) throw error;
        // Read outside the transaction: on a single-connection database (PGlite) a read beside it waits forever.
        for (const version of error.versions) await this.card(state.modelName, version);
      }
    }
  }

  private applyOnce(state: Pick<EndpointState, 'name' | 'modelName'>, only?: { requestIds: string[]; rows: number[] }): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const keys =
        only === undefined
          ? sql`select f.request_id, f.row_index from endpoint_feedback f
              where f.endpoint_name = ${state.name} and f.applied_at is null and f.received_at > now() - ${pendingWindow}::interval
              order by f.received_at limit 50000`
          : sql`select r as request_id, i as row_index from unnest(${only.requestIds}::text[], ${only.rows}::int[]) as t(r, i)`;
      const claimed = await sql<{ version: number; at: Date; output: unknown; outcome: unknown }>`
        with candidates as (${keys}),
        pending as (
          select f.request_id, f.row_index from endpoint_feedback f join candidates c using (request_id, row_index)
          where f.endpoint_name = ${state.name} and f.applied_at is null
            and exists (select 1 from endpoint_samples s where s.endpoint_name = f.endpoint_name and s.request_id = f.request_id
                          and s.row_index = f.row_index and s.role = 'answer')
          for update of f skip locked
        ),
        claimed as (
          update endpoint_feedback f set applied_at = now() from pending p
          where f.endpoint_name = ${state.name} and f.request_id = p.request_id and f.row_index = p.row_index
          returning f.request_id, f.row_index, f.outcome
        )
        select distinct on (c.request_id, c.row_index) s.version, s.at, s.output, c.outcome
        from claimed c join endpoint_samples s
          on s.endpoint_name = ${state.name} and s.request_id = c.request_id and s.row_index = c.row_index and s.role = 'answer'`.execute(
        tx,
      );
      if (claimed.rows.length === 0) return 0;
      const matched: MatchedOutcome[] = claimed.rows.map((r) => ({
        version: r.version,
        at: new Date(r.at),
        output: (typeof r.output === 'string' ? JSON.parse(r.output) : r.output) as MatchedOutcome['output'],
        outcome: typeof r.outcome === 'string' && isJsonText(r.outcome) ? JSON.parse(r.outcome) : r.outcome,
      }));
      const unknown = [...new Set(matched.map((m) => m.version))].filter((v) => !this.cards.has(`${state.modelName}:${v}`));
      if (unknown.length > 0) throw new CardsNeeded(unknown);
      const sums = liveSums(matched, (v) => this.cards.get(`${state.modelName}:${v}`));
      await addSums(tx, state.name, sums);
      return claimed.rows.length;
    });
  }

  /** Outcome types against the active version's task: a regression takes numbers; a class is text. */
  private async check(state: EndpointState, outcomes: readonly OutcomeInput[]): Promise<void> {
    if (state.activeVersion === null) return;
    const card = await this.card(state.modelName, state.activeVersion);
    const problems: { index: number; field: string; problem: string }[] = [];
    outcomes.forEach((o, index) => {
      if (card?.task === 'regression' && (typeof o.outcome !== 'number' || !Number.isFinite(o.outcome)))
        problems.push({
          index,
          field: 'outcome',
          problem: `expected a number (the model is a regression), got ${JSON.stringify(o.outcome)}`,
        });
      else if (card?.task === 'classification' && card.classes && !card.classes.includes(String(o.outcome)))
        problems.push({
          index,
          field: 'outcome',
          problem: `${JSON.stringify(o.outcome)} is not a class of the model (${card.classes.join(', ')})`,
        });
    });
    const first = problems[0];
    if (first)
      throw new UserError(
        'REQUEST_INVALID',
        `outcomes[${first.index}].outcome: ${first.problem}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.`,
        {
          details: { problems: problems.slice(0, 50), count: problems.length },
        },
      );
  }

  private async card(modelName: string, version: number): Promise<ModelCard | undefined> {
    const key = `${modelName}:${version}`;
    if (!this.cards.has(key)) this.cards.set(key, (await this.versions.info(modelName, version))?.card);
    return this.cards.get(key);
  }
}

/** Rolls a claim back when a version's card is not known yet; it is read and the claim is made again. */
class CardsNeeded extends Error {
  constructor(readonly versions: number[]) {
    super(`cards of versions ${versions.join(', ')} are needed`);
  }
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Adds sums to their hour's row; rows are taken in key order so two processes never deadlock on them. */
async function addSums(tx: Transaction<Database>, endpoint: string, sums: LiveSums[]): Promise<void> {
  sums.sort((a, b) => a.version - b.version || a.hour.getTime() - b.hour.getTime());
  for (const s of sums) {
    await sql`
      insert into endpoint_live_metrics (endpoint_name, version, hour, task, count, correct, log_loss_sum, abs_error_sum,
        squared_error_sum, positives, negatives)
      values (${endpoint}, ${s.version}, ${s.hour.toISOString()}::timestamptz, ${s.task}, ${s.count}, ${s.correct}, ${s.logLossSum},
        ${s.absErrorSum}, ${s.squaredErrorSum}, ${s.positives}::bigint[], ${s.negatives}::bigint[])
      on conflict (endpoint_name, version, hour) do update set
        count = endpoint_live_metrics.count + excluded.count,
        correct = endpoint_live_metrics.correct + excluded.correct,
        log_loss_sum = endpoint_live_metrics.log_loss_sum + excluded.log_loss_sum,
        abs_error_sum = endpoint_live_metrics.abs_error_sum + excluded.abs_error_sum,
        squared_error_sum = endpoint_live_metrics.squared_error_sum + excluded.squared_error_sum,
        positives = case when excluded.positives is null then endpoint_live_metrics.positives
          when endpoint_live_metrics.positives is null then excluded.positives
          else array(select a + b from unnest(endpoint_live_metrics.positives, excluded.positives) with ordinality as t(a, b, k) order by k) end,
        negatives = case when excluded.negatives is null then endpoint_live_metrics.negatives
          when endpoint_live_metrics.negatives is null then excluded.negatives
          else array(select a + b from unnest(endpoint_live_metrics.negatives, excluded.negatives) with ordinality as t(a, b, k) order by k) end`.execute(
      tx,
    );
  }
}
