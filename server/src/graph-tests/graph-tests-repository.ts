import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import type { GraphTestsStatus } from '../db/tables/graph-tests';

/** One case of a stored run: its verdict and why, without goldens. */
export interface StoredCase {
  name: string;
  status: 'passed' | 'failed' | 'invalid';
  durationMs: number;
  issues: { code: string; path: (string | number)[]; message: string }[];
  failures: { check: string; message: string; code?: string; diff?: string[] }[];
}

/** The tests saved beside a graph version and the verdict of their last run. */
export interface GraphVersionTests {
  graphId: string;
  version: number;
  tests: unknown;
  status: GraphTestsStatus;
  cases: StoredCase[] | null;
  updatedBy: string;
  updatedAt: string;
  ranBy: string | null;
  ranAt: string | null;
}

const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** Tests documents beside graph versions, with the verdict of their last server run. */
export class GraphTestsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Saves (or replaces) a version's tests; the verdict goes back to `untested` until they run again. */
  async save(graphId: string, version: number, tests: string, actor: string): Promise<GraphVersionTests> {
    const values = {
      tests,
      status: 'untested' as const,
      result: null,
      updated_by: actor,
      updated_at: sql<Date>`now()`,
      ran_by: null,
      ran_at: null,
    };
    await this.db
      .insertInto('graph_version_tests')
      .values({ graph_id: graphId, version, ...values })
      .onConflict((oc) => oc.columns(['graph_id', 'version']).doUpdateSet(values))
      .execute();
    return this.getOrThrow(graphId, version);
  }

  /** Records a run's verdict, unless the tests were replaced meanwhile (then the run judged old tests). */
  async recordRun(graphId: string, version: number, tests: string, cases: StoredCase[], actor: string): Promise<GraphVersionTests> {
    const status: GraphTestsStatus = cases.some((c) => c.status === 'invalid')
      ? 'invalid'
      : cases.some((c) => c.status === 'failed')
        ? 'failed'
        : 'passed';
    await this.db
      .updateTable('graph_version_tests')
      .set({ status, result: JSON.stringify({ cases }), ran_by: actor, ran_at: sql<Date>`now()` })
      .where('graph_id', '=', graphId)
      .where('version', '=', version)
      .where('tests', '=', tests)
      .execute();
    return this.getOrThrow(graphId, version);
  }

  /** The verdict of each graph version of `sources` that has tests, keyed `graphId@version`. */
  async statuses(sources: { graphId: string | null; graphVersion: number | null }[]): Promise<Map<string, GraphTestsStatus>> {
    const ids = [...new Set(sources.flatMap((s) => (s.graphId === null ? [] : [s.graphId])))];
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('graph_version_tests')
      .select(['graph_id', 'version', 'status'])
      .where('graph_id', 'in', ids)
      .execute();
    return new Map(rows.map((row) => [`${row.graph_id}@${row.version}`, row.status]));
  }

  async get(graphId: string, version: number): Promise<GraphVersionTests | undefined> {
    const row = await this.db
      .selectFrom('graph_version_tests')
      .selectAll()
      .where('graph_id', '=', graphId)
      .where('version', '=', version)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const result = parsed(row.result) as { cases: StoredCase[] } | null;
    return {
      graphId: row.graph_id,
      version: row.version,
      tests: JSON.parse(row.tests),
      status: row.status,
      cases: result?.cases ?? null,
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
      ranBy: row.ran_by,
      ranAt: row.ran_at === null ? null : new Date(row.ran_at).toISOString(),
    };
  }

  private async getOrThrow(graphId: string, version: number): Promise<GraphVersionTests> {
    const found = await this.get(graphId, version);
    if (found === undefined) throw new Error(`graph_version_tests row ${graphId}@${version} vanished`);
    return found;
  }
}
