import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';

/** One sampled input row with what a version answered for it. */
export interface SampleRow {
  endpoint: string;
  requestId: string;
  /** The row within the request: with the request id, the prediction's id. */
  row: number;
  role: 'answer' | 'shadow';
  version: number;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  at: Date;
}

/**
 * Stores sampled rows off the response path: rows queue in memory and are inserted in batches (every
 * `flushMs` or `batchRows`). When the database falls behind, rows beyond `maxQueued` are dropped and counted.
 */
export class SampleWriter {
  private queue: SampleRow[] = [];
  private flushing: Promise<void> | undefined;
  /** Rows dropped because the queue was full. */
  dropped = 0;
  /** Rows stored so far. */
  written = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly options: { batchRows: number; maxQueued: number } = { batchRows: 500, maxQueued: 50_000 },
  ) {}

  add(rows: SampleRow[]): void {
    const room = this.options.maxQueued - this.queue.length;
    if (rows.length > room) this.dropped += rows.length - Math.max(0, room);
    if (room > 0) this.queue.push(...rows.slice(0, room));
    if (this.queue.length >= this.options.batchRows) void this.flush();
  }

  /** Writes everything queued so far; concurrent calls share one write. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.queue.length > 0 ? this.flush() : undefined));
    if (this.queue.length === 0) return Promise.resolve();
    this.flushing = this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.batchRows);
      try {
        await insertSamples(this.db, batch);
        this.written += batch.length;
      } catch (error) {
        // Most often an endpoint deleted meanwhile or a lost database: the sample is best effort.
        this.dropped += batch.length;
        this.logger.warn('endpoint samples not stored', {
          rows: batch.length,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }

  /** Deletes samples, and outcomes received for them, older than each endpoint's retention; returns how many. */
  async sweep(): Promise<number> {
    const result = await sql`
      delete from endpoint_samples s using endpoints e
      where s.endpoint_name = e.name and s.at < now() - make_interval(days => e.retention_days)`.execute(this.db);
    await sql`
      delete from endpoint_feedback f using endpoints e
      where f.endpoint_name = e.name and f.received_at < now() - make_interval(days => e.retention_days)`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }
}

/**
 * One statement per batch whatever its size: each column travels as one array parameter and is
 * unnested, so PostgreSQL parses and plans it once (PGlite takes the same statement).
 */
async function insertSamples(db: Kysely<Database>, batch: SampleRow[]): Promise<void> {
  const n = batch.length;
  const [endpoints, requests, rows, roles, versions, inputs, outputs, ats] = [
    new Array<string>(n),
    new Array<string>(n),
    new Array<number>(n),
    new Array<string>(n),
    new Array<number>(n),
    new Array<string>(n),
    new Array<string>(n),
    new Array<string>(n),
  ];
  for (let i = 0; i < n; i++) {
    const r = batch[i] as SampleRow;
    endpoints[i] = r.endpoint;
    requests[i] = r.requestId;
    rows[i] = r.row;
    roles[i] = r.role;
    versions[i] = r.version;
    inputs[i] = JSON.stringify(r.input);
    outputs[i] = JSON.stringify(r.output);
    ats[i] = r.at.toISOString();
  }
  await sql`
    insert into endpoint_samples (endpoint_name, request_id, row_index, role, version, input, output, at)
    select * from unnest(${endpoints}::text[], ${requests}::text[], ${rows}::int[], ${roles}::text[], ${versions}::int[],
      ${inputs}::jsonb[], ${outputs}::jsonb[], ${ats}::timestamptz[])`.execute(db);
}
