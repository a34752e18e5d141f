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

/** Tables of migration with models: their Kysely types, merged into `Database`. */
export interface ModelsTables {
  models: ModelsTable;
  model_versions: ModelVersionsTable;
}
