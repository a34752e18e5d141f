import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { isForeignKeyViolation } from '../repositories/constraint-violations';

interface Figures {
  requests: number;
  errors: number;
  rows: number;
  /** Microseconds. */
  latency: RecordableHistogram;
  byVersion: Map<number, number>;
  shadow: { requests: number; errors: number; disagreements: number };
  since: Date;
}

interface Pending {
  endpoint: string;
  version: number;
  requests: number;
  errors: number;
  rows: number;
  latencyMs: number;
}

/** Live figures of one endpoint as the API shows them. */
export interface LiveFigures {
  since: string;
  requests: number;
  errors: number;
  rows: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  byVersion: Record<string, number>;
  shadow: { requests: number; errors: number; disagreements: number };
}

/**
 * Requests, errors and latency percentiles per endpoint, kept in this process (an HDR-style histogram
 * from `node:perf_hooks`), plus counts per endpoint, version and minute added to the database in the
 * background, so figures survive restarts and add up over several server processes.
 */
/** One request as `EndpointFigures.record` saw it. */
export interface RecordedRequest {
  endpoint: string;
  version: number;
  rows: number;
  latencyMs: number;
  failed: boolean;
}

export type RequestListener = (request: RecordedRequest) => void;

export class EndpointFigures {
  private readonly figures = new Map<string, Figures>();
  private pending = new Map<string, Pending>();
  private readonly listeners: RequestListener[] = [];

  private of(endpoint: string): Figures {
    let f = this.figures.get(endpoint);
    if (f === undefined) {
      f = {
        requests: 0,
        errors: 0,
        rows: 0,
        latency: createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 }),
        byVersion: new Map(),
        shadow: { requests: 0, errors: 0, disagreements: 0 },
        since: new Date(),
      };
      this.figures.set(endpoint, f);
    }
    return f;
  }

  /** Calls `listener` with every recorded request (the Prometheus metrics count them). */
  listen(listener: RequestListener): void {
    this.listeners.push(listener);
  }

  /** One answered (or failed) request; `version` 0 when no version was reached. */
  record(endpoint: string, version: number, rows: number, latencyMs: number, failed: boolean): void {
    for (const listener of this.listeners) listener({ endpoint, version, rows, latencyMs, failed });
    const f = this.of(endpoint);
    f.requests++;
    if (failed) f.errors++;
    f.rows += rows;
    f.latency.record(Math.min(60_000_000, Math.max(1, Math.round(latencyMs * 1000))));
    // Version 0 is "no version was reached" (not ready): it counts in requests and errors, in no version's bucket.
    if (version !== 0) f.byVersion.set(version, (f.byVersion.get(version) ?? 0) + 1);
    this.addPending({ endpoint, version, requests: 1, errors: failed ? 1 : 0, rows, latencyMs });
  }

  private addPending(add: Pending): void {
    const key = `${add.endpoint}\u0000${add.version}`;
    const p = this.pending.get(key);
    if (p === undefined) {
      this.pending.set(key, { ...add });
      return;
    }
    p.requests += add.requests;
    p.errors += add.errors;
    p.rows += add.rows;
    p.latencyMs += add.latencyMs;
  }

  /** A shadow scoring: whether it failed and how many rows it answered differently. */
  recordShadow(endpoint: string, failed: boolean, disagreements: number): void {
    const s = this.of(endpoint).shadow;
    s.requests++;
    if (failed) s.errors++;
    s.disagreements += disagreements;
  }

  live(endpoint: string): LiveFigures {
    const f = this.of(endpoint);
    const ms = (p: number) => (f.latency.count === 0 ? 0 : f.latency.percentile(p) / 1000);
    return {
      since: f.since.toISOString(),
      requests: f.requests,
      errors: f.errors,
      rows: f.rows,
      latencyMs: { p50: ms(50), p95: ms(95), p99: ms(99), max: f.latency.count === 0 ? 0 : f.latency.max / 1000 },
      byVersion: Object.fromEntries([...f.byVersion].map(([v, n]) => [String(v), n])),
      shadow: { ...f.shadow },
    };
  }

  /** Drops what this process holds of a deleted endpoint: live figures and counts not yet stored. */
  forget(endpoint: string): void {
    this.figures.delete(endpoint);
    for (const [key, p] of this.pending) if (p.endpoint === endpoint) this.pending.delete(key);
  }

  /**
   * Adds the counts gathered since the last flush to `endpoint_counts`. Counts of an endpoint deleted
   * meanwhile (perhaps by another process) are dropped, so they never block the others' counts.
   */
  async flush(db: Kysely<Database>): Promise<void> {
    if (this.pending.size === 0) return;
    let batch = [...this.pending.values()];
    this.pending = new Map();
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    try {
      try {
        await insertCounts(db, batch, minute);
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error;
        const names = [...new Set(batch.map((p) => p.endpoint))];
        const alive = new Set((await db.selectFrom('endpoints').select('name').where('name', 'in', names).execute()).map((r) => r.name));
        batch = batch.filter((p) => alive.has(p.endpoint));
        if (batch.length > 0) await insertCounts(db, batch, minute);
      }
    } catch (error) {
      // Put the counts back for the next flush.
      for (const p of batch) this.addPending(p);
      throw error;
    }
  }
}

async function insertCounts(db: Kysely<Database>, batch: Pending[], minute: Date): Promise<void> {
  await db
    .insertInto('endpoint_counts')
    .values(
      batch.map((p) => ({
        endpoint_name: p.endpoint,
        version: p.version,
        minute,
        requests: p.requests,
        errors: p.errors,
        rows: p.rows,
        latency_ms_sum: p.latencyMs,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['endpoint_name', 'version', 'minute']).doUpdateSet({
        requests: sql<number>`endpoint_counts.requests + excluded.requests`,
        errors: sql<number>`endpoint_counts.errors + excluded.errors`,
        rows: sql<number>`endpoint_counts.rows + excluded.rows`,
        latency_ms_sum: sql<number>`endpoint_counts.latency_ms_sum + excluded.latency_ms_sum`,
      }),
    )
    .execute();
}
