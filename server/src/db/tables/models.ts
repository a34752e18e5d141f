import type { ColumnType } from 'kysely';
import type { BigInt8, CreatedAt, Json } from '../column-types';

export interface ModelsTable {
  name: string;
  description: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  /** Policy: versions are registered and promoted only from graph versions whose tests passed. */
  require_graph_tests: ColumnType<boolean, boolean | undefined, boolean>;
  /** Archived models take no new versions and serve nowhere; null while in use. */
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** none → staging → production → archived; at most one production version per model. */
export type ModelStage = 'none' | 'staging' | 'production' | 'archived';

export interface ModelVersionsTable {
  model_name: string;
  version: number;
  /** sha256 of the ONNX bytes in the artifact store. */
  artifact_hash: string;
  /** The model card as the ONNX metadata carries it. */
  card: Json;
  /** Metric name → value. */
  metrics: Json;
  /** The gate's verdict `{ passed, reason }`, or null when no gate was wired. */
  gate: ColumnType<unknown, string | null | undefined, never>;
  graph_id: string | null;
  graph_version: number | null;
  run_id: BigInt8 | null;
  idempotency_key: string | null;
  /** The scoring path `{ inputs, fill, steps, skipped, inOnnx }`, or null when raw rows are the features. */
  scoring_path: ColumnType<unknown, string | null | undefined, never>;
  stage: ColumnType<ModelStage, ModelStage | undefined, ModelStage>;
  created_by: string | null;
  created_at: CreatedAt;
}

/** How a promotion asked for by a run goes ahead: straight to production, on canary, or after an ops approval. */
export type PromotionMode = 'production' | 'canary' | 'approval';
/** pending (waits for approval) → approved | rejected; applied: promoted or put on canary when asked. */
export type PromotionStatus = 'pending' | 'approved' | 'rejected' | 'applied';

export interface ModelPromotionsTable {
  /** The schedule occurrence (or run) and node that asked: one promotion per key. */
  key: string;
  model_name: string;
  version: number;
  mode: PromotionMode;
  /** The endpoint a canary runs on (canary mode). */
  endpoint: string | null;
  /** `{ percent, policy }` of the canary (canary mode). */
  canary: ColumnType<unknown, string | null | undefined, never>;
  status: ColumnType<PromotionStatus, PromotionStatus, PromotionStatus>;
  requested_by: string;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

/** Tables of migration with models: their Kysely types, merged into `Database`. */
export interface ModelsTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
  model_promotions: ModelPromotionsTable;
}
