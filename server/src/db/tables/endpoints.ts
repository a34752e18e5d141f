import type { ColumnType, Generated, Selectable } from 'kysely';
import type { BigInt8, CreatedAt, Json, Timestamp } from '../column-types';

/** An endpoint: which versions of its model answer, canary and shadow, and how much traffic is sampled. */
export interface EndpointsTable {
  name: string;
  model_name: string;
  description: Generated<string>;
  active_version: number | null;
  /** The registry alias followed (`production`, `staging`): `active_version` is always its version. */
  alias: Generated<string>;
  canary_version: number | null;
  /** 0–100: the share of requests the canary answers. */
  canary_percent: Generated<number>;
  shadow_version: number | null;
  /** Regressions: shadow answers within this absolute difference of the answer agree. */
  shadow_tolerance: Generated<number>;
  /** The canary's progressive-delivery policy (see `canary-policy.ts`), or null. */
  canary_policy: ColumnType<unknown, string | null | undefined, string | null>;
  canary_started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** 0–1: the share of requests whose rows are stored for monitoring. */
  sample_rate: Generated<number>;
  retention_days: Generated<number>;
  /** Every answered row is logged, so outcomes sent as feedback can be matched to it. */
  feedback: Generated<boolean>;
  /** Grows on every change; caches compare it. */
  revision: Generated<number>;
  created_by: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One change of an endpoint, with who made it and whether a failed gate was overridden. */
export interface EndpointChangesTable {
  id: Generated<BigInt8>;
  endpoint_name: string;
  /** create | promote | rollback | canary | shadow | sampling */
  kind: string;
  from_version: number | null;
  to_version: number | null;
  override: Generated<boolean>;
  reason: Generated<string>;
  details: ColumnType<unknown, string | undefined, never>;
  actor: string;
  at: CreatedAt;
}

/** A sampled input row and what the answering (or shadow) version made of it. */
export interface EndpointSamplesTable {
  id: Generated<BigInt8>;
  endpoint_name: string;
  request_id: string;
  /** answer | shadow */
  role: string;
  version: number;
  input: Json;
  output: Json;
  at: ColumnType<Date, Date | string, never>;
  /** The row within its request (null for rows sampled before predictions had ids). */
  row_index: number | null;
}

/** The real outcome of a prediction, by request id and row. */
export interface EndpointFeedbackTable {
  endpoint_name: string;
  request_id: string;
  row_index: number;
  outcome: Json;
  received_at: CreatedAt;
  /** Set once added to the live figures. */
  applied_at: Date | null;
}

/** Live performance of a version in one hour, as sums (and probability bins for binary AUC). */
export interface EndpointLiveMetricsTable {
  endpoint_name: string;
  version: number;
  hour: ColumnType<Date, Date | string, never>;
  task: string;
  count: BigInt8;
  correct: BigInt8;
  log_loss_sum: number;
  abs_error_sum: number;
  squared_error_sum: number;
  positives: number[] | null;
  negatives: number[] | null;
}

/** Request counts per endpoint, version and minute. */
export interface EndpointCountsTable {
  endpoint_name: string;
  version: number;
  minute: ColumnType<Date, Date | string, never>;
  requests: BigInt8;
  errors: BigInt8;
  rows: BigInt8;
  latency_ms_sum: number;
}

/** Tables of migration with endpoints: their Kysely types, merged into `Database`. */
export interface EndpointsTables {
  endpoints: EndpointsTable;
  endpoint_changes: EndpointChangesTable;
  endpoint_samples: EndpointSamplesTable;
  endpoint_counts: EndpointCountsTable;
  endpoint_feedback: EndpointFeedbackTable;
  endpoint_live_metrics: EndpointLiveMetricsTable;
}

export type EndpointRow = Selectable<EndpointsTable>;
export type EndpointChangeRow = Selectable<EndpointChangesTable>;
