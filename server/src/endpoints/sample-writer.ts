import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { ModelAnswer } from './model-answer';
import type { PredictBody } from './request-feeds';

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

/** A sampled request as queued: its rows are built and serialised only when written, off the response path. */
export interface SampledRequest {
  endpoint: string;
  requestId: string;
  role: SampleRow['role'];
  version: number;
  /** The features the version reads, in card order. */
  features: readonly { name: string }[];
  body: PredictBody;
  answer: ModelAnswer;
  at: Date;
}

/**
 * Stores sampled requests off the response path: they queue in memory (one entry per request, so
 * queueing costs the same for 1 row or 10,000) and their rows are inserted in batches (every
 * `flushMs` or `batchRows`). When the database falls behind, requests that would take the queue past
 * `maxQueued` rows are dropped and their rows counted.
 */
export class SampleWriter {
  private queue: SampledRequest[] = [];
  private queuedRows = 0;
  private flushSoon = false;
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

  add(request: SampledRequest): void {
    const rows = request.answer.predictions.length;
    if (this.queuedRows + rows > this.options.maxQueued) {
      this.dropped += rows;
      return;
    }
    this.queue.push(request);
    this.queuedRows += rows;
    if (this.queuedRows >= this.options.batchRows && !this.flushSoon) {
      // On the next turn, so building and serialising the batch never delays the answer that filled it.
      this.flushSoon = true;
      setImmediate(() => {
        this.flushSoon = false;
        void this.flush();
      });
    }
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
      const batch: SampleRow[] = [];
      while (this.queue.length > 0 && batch.length < this.options.batchRows) {
        const request = this.queue.shift() as SampledRequest;
        this.queuedRows -= request.answer.predictions.length;
        rowsOf(request, batch);
      }
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

/** One row per request row: the features as sent and the answer for that row. */
function rowsOf(r: SampledRequest, out: SampleRow[]): void {
  const { body, answer } = r;
  const n = answer.predictions.length;
  for (let i = 0; i < n; i++) {
    const input: Record<string, unknown> = {};
    for (const { name } of r.features) input[name] = ('rows' in body ? body.rows[i]?.[name] : body.columns[name]?.[i]) ?? null;
    const output: Record<string, unknown> = { prediction: answer.predictions[i] ?? null };
    if (answer.probabilities) output.probabilities = answer.probabilities[i];
    out.push({ endpoint: r.endpoint, requestId: r.requestId, row: i, role: r.role, version: r.version, input, output, at: r.at });
  }
}
