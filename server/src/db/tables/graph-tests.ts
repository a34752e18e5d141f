import type { ColumnType } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../column-types';

/** The last verdict of a graph version's tests: never run since saved, all passed, a case failed, a case invalid. */
export type GraphTestsStatus = 'untested' | 'passed' | 'failed' | 'invalid';

export interface GraphVersionTestsTable {
  graph_id: string;
  version: number;
  /** The causeway.tests/1 document as JSON text. */
  tests: string;
  status: ColumnType<GraphTestsStatus, GraphTestsStatus | undefined, GraphTestsStatus>;
  /** The cases of the last run `{ cases: [...] }`, or null before one. */
  result: ColumnType<unknown, string | null | undefined, string | null>;
  updated_by: string;
  updated_at: Timestamp;
  ran_by: string | null;
  ran_at: NullableTimestamp;
}

/** Tables of migration 0013: their Kysely types, merged into `Database`. */
export interface GraphTestsTables {
  graph_version_tests: GraphVersionTestsTable;
}
