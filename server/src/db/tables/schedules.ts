import type { ColumnType, Generated } from 'kysely';
import type { BigInt8, CreatedAt, NullableTimestamp, Timestamp } from '../column-types';

export interface SchedulesTable {
  id: ColumnType<number, number | undefined, never>;
  name: string;
  graph_id: string;
  /** null: the graph's latest version at each occurrence. */
  graph_version: number | null;
  cron: string;
  /** IANA time zone the cron is read in. */
  timezone: string;
  /** skip | queue */
  overlap: string;
  /** skip | once | all */
  catch_up: string;
  catch_up_limit: number;
  max_retries: number;
  retry_base_ms: number;
  retry_max_ms: number;
  alert_url: string | null;
  /** Name of a secret whose value is the alert URL. */
  alert_secret: string | null;
  /** At most one failure alert per this many ms. */
  alert_throttle_ms: Generated<number>;
  /** causeway | slack */
  alert_format: Generated<string>;
  /** A failure was alerted and no run succeeded since. */
  alert_open: Generated<boolean>;
  last_alert_at: NullableTimestamp;
  /** Failures not alerted (throttled) since the last alert. */
  alerts_suppressed: Generated<number>;
  paused: Generated<boolean>;
  /** A graph version the schedule has not run yet runs only once its tests passed. */
  require_graph_tests: Generated<boolean>;
  /** Also fire when a drift check of this endpoint fails (null: the cron only). */
  on_drift_of: ColumnType<string | null, string | null | undefined, string | null>;
  next_fire_at: NullableTimestamp;
  created_by: string;
  /** The maker's role: the schedule's runs use secrets as it. */
  owner_role: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ScheduleOccurrencesTable {
  schedule_id: BigInt8;
  fire_at: Timestamp;
  /** waiting | running | retrying | succeeded | failed | cancelled | skipped */
  status: string;
  /** Why an occurrence was skipped: missed | overlap. */
  reason: string | null;
  /** The occurrence's latest run. */
  run_id: BigInt8 | null;
  attempts: Generated<number>;
  retry_at: NullableTimestamp;
  /** The scheduler process that handled the occurrence first. */
  fired_by: string;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
  error: ColumnType<unknown, string | null, string | null>;
  /** pending | sending | sent | failed; null when no alert is due. */
  alert_status: string | null;
  alert_attempts: Generated<number>;
  alert_at: NullableTimestamp;
  alert_error: string | null;
  /** failure | recovery (null: failure). */
  alert_kind: string | null;
}

export interface ScheduleRunsTable {
  run_id: BigInt8;
  schedule_id: BigInt8;
  fire_at: Timestamp;
  attempt: number;
}

/** Tables of migration with schedules: their Kysely types, merged into `Database`. */
export interface SchedulesTables {
  schedules: SchedulesTable;
  schedule_occurrences: ScheduleOccurrencesTable;
  schedule_runs: ScheduleRunsTable;
}
