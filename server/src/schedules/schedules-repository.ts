import { UserError } from '@causeway/sdk';
import { type Kysely, sql, type Updateable } from 'kysely';
import type { Database } from '../db/database';
import type { SchedulesTable } from '../db/tables/schedules';
import { isUniqueViolation } from '../repositories/constraint-violations';
import { CronPlan } from './cron-plan';
import type { ScheduleRow } from './tend-schedule';

/** A schedule's settings as the API takes them. */
export interface ScheduleInput {
  graphId: string;
  version: number | 'latest';
  cron: string;
  timezone: string;
  overlap: 'skip' | 'queue';
  catchUp: { policy: 'skip' | 'once' | 'all'; limit: number };
  retries: { max: number; baseMs: number; maxMs: number };
  alertUrl: string | null;
  /** Name of a secret holding the alert URL (instead of `alertUrl`). */
  alertSecret: string | null;
  /** At most one failure alert per this many ms. */
  alertThrottleMs?: number | undefined;
  alertFormat?: 'causeway' | 'slack' | undefined;
  /** Also fire when a drift check of this endpoint fails. */
  onDriftOf?: string | null | undefined;
  paused: boolean;
  /** A graph version the schedule has not run yet runs only once its tests passed. */
  requireGraphTests?: boolean | undefined;
}

/** One occurrence in a schedule's history, with every run it started. */
export interface OccurrenceInfo {
  fireAt: string;
  status: string;
  reason: string | null;
  attempts: number;
  retryAt: string | null;
  firedBy: string;
  finishedAt: string | null;
  error: unknown;
  alert: { status: string; attempts: number; error: string | null } | null;
  runs: Array<{ id: number; attempt: number; status: string; graphVersion: number }>;
}

const iso = (value: Date | null) => (value === null ? null : new Date(value).toISOString());

/** Schedules as the API sees them: create, read, change, pause, resume, delete, history. */
export class SchedulesRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a schedule; its runs belong to `createdBy` and use secrets with `ownerRole`. */
  async create(name: string, input: ScheduleInput, createdBy: string, now: number, ownerRole: string | null = null): Promise<ScheduleRow> {
    const plan = new CronPlan(input.cron, input.timezone);
    await this.requireGraph(input.graphId, input.version);
    await this.requireSecret(input.alertSecret);
    try {
      const row = await this.db
        .insertInto('schedules')
        .values({
          name,
          ...columnsOf(input),
          next_fire_at: nextAt(plan, now),
          created_by: createdBy,
          owner_role: ownerRole,
          updated_at: new Date(now),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...row, id: Number(row.id) };
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserError('CONFLICT', `A schedule named "${name}" already exists.`);
      throw error;
    }
  }

  async list(page: { limit: number; offset: number; graphId?: string }): Promise<{ items: ScheduleRow[]; total: number }> {
    let query = this.db.selectFrom('schedules');
    if (page.graphId !== undefined) query = query.where('graph_id', '=', page.graphId);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('name').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => ({ ...r, id: Number(r.id) })), total: Number(count.n) };
  }

  /** The schedule or `NOT_FOUND`. */
  async require(id: number): Promise<ScheduleRow> {
    const row = await this.db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new UserError('NOT_FOUND', `No schedule with id ${id}.`);
    return { ...row, id: Number(row.id) };
  }

  /**
   * Changes settings; a new cron, time zone or a resume starts counting from `now` (occurrences
   * while paused are neither run nor caught up).
   */
  async update(id: number, input: ScheduleInput, now: number, restart: boolean): Promise<ScheduleRow> {
    const current = await this.require(id);
    const plan = new CronPlan(input.cron, input.timezone);
    if (input.graphId !== current.graph_id || (input.version !== 'latest' && input.version !== current.graph_version))
      await this.requireGraph(input.graphId, input.version);
    if (input.alertSecret !== current.alert_secret) await this.requireSecret(input.alertSecret);
    const recount = restart || input.cron !== current.cron || input.timezone !== current.timezone;
    const values: Updateable<SchedulesTable> = { ...columnsOf(input), updated_at: new Date(now) };
    if (recount) values.next_fire_at = nextAt(plan, now);
    const row = await this.db.updateTable('schedules').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return { ...row, id: Number(row.id) };
  }

  async delete(id: number): Promise<ScheduleRow> {
    const row = await this.db.deleteFrom('schedules').where('id', '=', id).returningAll().executeTakeFirst();
    if (row === undefined) throw new UserError('NOT_FOUND', `No schedule with id ${id}.`);
    return { ...row, id: Number(row.id) };
  }

  /** Occurrences newest first, each with its runs (first run and retries). */
  async history(id: number, page: { limit: number; offset: number; status?: string }): Promise<{ items: OccurrenceInfo[]; total: number }> {
    await this.require(id);
    let query = this.db.selectFrom('schedule_occurrences').where('schedule_id', '=', id);
    if (page.status !== undefined) query = query.where('status', '=', page.status);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('fire_at', 'desc').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    ]);
    const runs =
      rows.length === 0
        ? []
        : await this.db
            .selectFrom('schedule_runs as sr')
            .innerJoin('runs as r', 'r.id', 'sr.run_id')
            .select(['sr.fire_at', 'sr.attempt', 'r.id', 'r.status', 'r.graph_version'])
            .where('sr.schedule_id', '=', id)
            .where(
              'sr.fire_at',
              'in',
              rows.map((r) => r.fire_at),
            )
            .orderBy('sr.attempt')
            .execute();
    const items = rows.map((row) => ({
      fireAt: new Date(row.fire_at).toISOString(),
      status: row.status,
      reason: row.reason,
      attempts: row.attempts,
      retryAt: iso(row.retry_at),
      firedBy: row.fired_by,
      finishedAt: iso(row.finished_at),
      error: row.error ?? null,
      alert: row.alert_status === null ? null : { status: row.alert_status, attempts: row.alert_attempts, error: row.alert_error },
      runs: runs
        .filter((r) => new Date(r.fire_at).getTime() === new Date(row.fire_at).getTime())
        .map((r) => ({ id: Number(r.id), attempt: r.attempt, status: r.status, graphVersion: r.graph_version })),
    }));
    return { items, total: Number(count.n) };
  }

  private async requireSecret(name: string | null): Promise<void> {
    if (name === null) return;
    const found = await this.db.selectFrom('secrets').select('name').where('name', '=', name).executeTakeFirst();
    if (found === undefined) throw new UserError('NOT_FOUND', `No secret named "${name}".`, { details: { field: 'alertSecret' } });
  }

  private async requireGraph(graphId: string, version: number | 'latest'): Promise<void> {
    const found =
      version === 'latest'
        ? await this.db.selectFrom('graphs').select('id').where('id', '=', graphId).executeTakeFirst()
        : await sql<{ graph_id: string }>`select graph_id from graph_versions where graph_id = ${graphId} and version = ${version}`
            .execute(this.db)
            .then((r) => r.rows[0]);
    if (found === undefined) {
      const what = version === 'latest' ? `No graph with id "${graphId}".` : `Graph "${graphId}" has no version ${version}.`;
      throw new UserError('NOT_FOUND', what, { details: { field: version === 'latest' ? 'graphId' : 'version' } });
    }
  }
}

function columnsOf(input: ScheduleInput) {
  return {
    graph_id: input.graphId,
    graph_version: input.version === 'latest' ? null : input.version,
    cron: input.cron,
    timezone: input.timezone,
    overlap: input.overlap,
    catch_up: input.catchUp.policy,
    catch_up_limit: input.catchUp.limit,
    max_retries: input.retries.max,
    retry_base_ms: input.retries.baseMs,
    retry_max_ms: input.retries.maxMs,
    alert_url: input.alertUrl,
    alert_secret: input.alertSecret,
    ...(input.alertThrottleMs === undefined ? {} : { alert_throttle_ms: input.alertThrottleMs }),
    ...(input.alertFormat === undefined ? {} : { alert_format: input.alertFormat }),
    ...(input.onDriftOf === undefined ? {} : { on_drift_of: input.onDriftOf }),
    paused: input.paused,
    ...(input.requireGraphTests === undefined ? {} : { require_graph_tests: input.requireGraphTests }),
  };
}

function nextAt(plan: CronPlan, now: number): Date | null {
  const next = plan.next(now);
  return next === null ? null : new Date(next);
}
