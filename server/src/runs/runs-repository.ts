import { UserError } from '@causeway/sdk';
import { type Kysely, sql } from 'kysely';
import type { Database, RunRow } from '../db/database';
import { type RunBus, runChannel } from './run-bus';
import { finishedStatuses, type NodeRunInfo, nodeRunInfoOf, type RunInfo, runInfoOf } from './run-info';

/** A persisted event: its SSE id (`seq`) and the event itself. */
export interface StoredEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

/** A log line of a node, as `node:log` events carry it. */
export interface NodeLog {
  level: string;
  message: string;
  at: number;
}

/** Runs as the API sees them: enqueue, read, list, cancel, retry, events. */
export class RunsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly bus: RunBus,
    private readonly defaults: { maxAttempts: number; timeoutMs: number },
  ) {}

  /**
   * Queues a run of a graph version (the latest when omitted); `NOT_FOUND` when there is none. The run
   * belongs to `createdBy`, whose role (`ownerRole`) decides the secrets it may use.
   */
  async enqueue(input: { graphId: string; version?: number; createdBy: string; ownerRole?: string; retryOf?: number }): Promise<RunInfo> {
    const { maxAttempts, timeoutMs } = this.defaults;
    const source =
      input.version === undefined
        ? sql`select id as graph_id, latest_version as version from graphs where id = ${input.graphId}`
        : sql`select graph_id, version from graph_versions where graph_id = ${input.graphId} and version = ${input.version}`;
    const result = await sql<RunRow>`
      with created as (
        insert into runs (graph_id, graph_version, max_attempts, timeout_ms, created_by, owner, owner_role, retry_of)
        select s.graph_id, s.version, ${maxAttempts}, ${timeoutMs}, ${input.createdBy}, ${input.createdBy}, ${input.ownerRole ?? null},
          ${input.retryOf ?? null}::bigint from (${source}) s
        returning *
      )
      select created.*, pg_notify(${runChannel}, 'queued') as notified from created`.execute(this.db);
    const row = result.rows[0];
    if (row === undefined) {
      const what =
        input.version === undefined ? `No graph with id "${input.graphId}".` : `Graph "${input.graphId}" has no version ${input.version}.`;
      throw new UserError('NOT_FOUND', what);
    }
    this.bus.publish({ kind: 'queued' });
    return runInfoOf(row);
  }

  async get(id: number): Promise<RunInfo | undefined> {
    const row = await this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : runInfoOf(row);
  }

  /** {@link get} or `NOT_FOUND`. */
  async require(id: number): Promise<RunInfo> {
    const run = await this.get(id);
    if (run === undefined) throw new UserError('NOT_FOUND', `No run with id ${id}.`);
    return run;
  }

  /** Newest first, optionally of one graph and in one status. */
  async list(filter: { graphId?: string; status?: string; limit: number; offset: number }): Promise<{ items: RunInfo[]; total: number }> {
    let query = this.db.selectFrom('runs');
    if (filter.graphId !== undefined) query = query.where('graph_id', '=', filter.graphId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
      query.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(runInfoOf), total: Number(count.n) };
  }

  /** The nodes of a run, with up to `logLimit` log lines each. */
  async nodes(runId: number, logLimit = 200): Promise<Array<NodeRunInfo & { logs: NodeLog[] }>> {
    const [rows, logs] = await Promise.all([
      this.db.selectFrom('node_runs').selectAll().where('run_id', '=', runId).orderBy('started_at').orderBy('node_id').execute(),
      this.db
        .selectFrom('run_events')
        .select(['node_id', 'data'])
        .where('run_id', '=', runId)
        .where('type', '=', 'node:log')
        .orderBy('seq')
        .limit(logLimit * 50)
        .execute(),
    ]);
    const byNode = new Map<string, NodeLog[]>();
    for (const log of logs) {
      const list = byNode.get(log.node_id ?? '') ?? [];
      const data = log.data as { level: string; message: string; at: number };
      if (list.length < logLimit) list.push({ level: data.level, message: data.message, at: data.at });
      byNode.set(log.node_id ?? '', list);
    }
    return rows.map((row) => ({ ...nodeRunInfoOf(row), logs: byNode.get(row.node_id) ?? [] }));
  }

  /** The stored output record of a node's port, e.g. `{ kind: 'table', rows, schema, artifact }`. */
  async output(runId: number, nodeId: string, port: string): Promise<Record<string, unknown> | undefined> {
    const row = await this.db
      .selectFrom('node_runs')
      .select('outputs')
      .where('run_id', '=', runId)
      .where('node_id', '=', nodeId)
      .executeTakeFirst();
    const outputs = (row?.outputs ?? {}) as Record<string, Record<string, unknown>>;
    return Object.hasOwn(outputs, port) ? outputs[port] : undefined;
  }

  /** Events after `afterSeq`, oldest first. */
  async events(runId: number, afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db
      .selectFrom('run_events')
      .select(['seq', 'type', 'data'])
      .where('run_id', '=', runId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ seq: r.seq, type: r.type, data: r.data as Record<string, unknown> }));
  }

  /**
   * Cancels a run: a queued one at once (with its closing `run:done` event), a running one by
   * flagging it for its worker. `CONFLICT` when the run has already finished.
   */
  async cancel(id: number): Promise<{ run: RunInfo; immediate: boolean }> {
    const updated = await sql<RunRow>`
      update runs set cancel_requested = true,
        status = case when status = 'queued' then 'cancelled' else status end,
        finished_at = case when status = 'queued' then now() else finished_at end
      where id = ${id} and status in ('queued', 'running') returning *`.execute(this.db);
    const row = updated.rows[0];
    if (row === undefined) {
      const run = await this.require(id);
      throw new UserError('CONFLICT', `Run ${id} has already finished (${run.status}).`);
    }
    const immediate = row.status === 'cancelled';
    if (immediate) {
      const event = { type: 'run:done', runId: id, at: Date.now(), status: 'cancelled', durationMs: 0 };
      await this.appendEvent(id, event);
    } else {
      await sql`select pg_notify(${runChannel}, ${`cancel:${id}`})`.execute(this.db);
      this.bus.publish({ kind: 'cancel', runId: id });
    }
    return { run: runInfoOf(row), immediate };
  }

  /** Queues a new run of the same graph version; `CONFLICT` while the run is still queued or running. */
  async retry(id: number, createdBy: string, ownerRole?: string): Promise<RunInfo> {
    const run = await this.require(id);
    if (!(finishedStatuses as readonly string[]).includes(run.status)) {
      throw new UserError('CONFLICT', `Run ${id} is still ${run.status}; cancel it or wait for it to finish.`);
    }
    return this.enqueue({
      graphId: run.graphId,
      version: run.version,
      createdBy,
      retryOf: id,
      ...(ownerRole === undefined ? {} : { ownerRole }),
    });
  }

  /** Appends one event after the run's last (for runs no worker holds) and signals listeners. */
  async appendEvent(runId: number, event: { type: string; nodeId?: string } & Record<string, unknown>): Promise<void> {
    await sql`
      with added as (
        insert into run_events (run_id, seq, type, node_id, data)
        select ${runId}, coalesce(max(seq), 0) + 1, ${event.type}, ${event.nodeId ?? null}, ${JSON.stringify(event)}::jsonb
        from run_events where run_id = ${runId}
        returning run_id
      )
      select pg_notify(${runChannel}, 'events:' || run_id) from added`.execute(this.db);
    this.bus.publish({ kind: 'events', runId });
  }
}
