import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { BigInt8, Bytes, CreatedAt, Json, NullableTimestamp, Timestamp } from './column-types';
import type { EndpointsTables } from './tables/endpoints';
import type { GraphTestsTables } from './tables/graph-tests';
import type { ModelsTables } from './tables/models';
import type { PluginsTables } from './tables/plugins';
import type { SchedulesTables } from './tables/schedules';

export interface UsersTable {
  id: string;
  name: string;
  role: string;
  created_at: CreatedAt;
  disabled_at: NullableTimestamp;
  /** scrypt parameters, salt and hash; null for a user who cannot sign in with a password. */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TokensTable {
  id: string;
  /** sha256 (hex) of the token; the token itself is never stored. */
  token_hash: string;
  name: string;
  role: string;
  user_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  /** Sign-in sessions expire; API tokens made by an admin do not (null) unless given an expiry. */
  expires_at: NullableTimestamp;
  /** The endpoints a client token may use (a JSON array of names); null: every endpoint. */
  endpoints: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface GraphsTable {
  id: string;
  name: string;
  latest_version: number;
  created_by: string;
  /** Who may change the graph besides admins (at first its creator); null: shared, as templates are. */
  owner: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface GraphVersionsTable {
  graph_id: string;
  version: number;
  /** The graph as serialized JSON text, kept byte for byte (stable key order). */
  graph: string;
  author: string;
  message: string;
  created_at: CreatedAt;
}

export interface SecretsTable {
  name: string;
  ciphertext: Bytes;
  iv: Bytes;
  tag: Bytes;
  key_id: string;
  created_by: string;
  created_at: CreatedAt;
  updated_by: string;
  updated_at: Timestamp;
  /** `{ roles, users }` who may use the secret besides admins, as JSON text on write. */
  grants: ColumnType<unknown, string | undefined, string>;
}

/** Who uploaded each file under the files folder (the owner may delete it; admins too). */
export interface FileOwnersTable {
  path: string;
  owner: string;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<BigInt8>;
  actor: string;
  action: string;
  target: string;
  details: Json;
  at: CreatedAt;
}

export interface ArtifactsTable {
  /** sha256 (hex) of the content; also its file name. */
  hash: string;
  kind: string;
  size: BigInt8;
  created_at: CreatedAt;
  last_used_at: Timestamp;
}

export interface ArtifactRefsTable {
  hash: string;
  /** Who holds the artifact, e.g. `run:42:train.model`. */
  owner: string;
  created_at: CreatedAt;
}

export interface RunsTable {
  id: ColumnType<number, number | undefined, never>;
  graph_id: string;
  graph_version: number;
  /** queued | running | succeeded | failed | cancelled | invalid */
  status: Generated<string>;
  /** Claims so far; the current claim's number fences a worker's writes. */
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  timeout_ms: number;
  retry_of: BigInt8 | null;
  created_by: string;
  /** Whose run it is: the caller who started it, or the maker of its schedule (null reads as `created_by`). */
  owner: ColumnType<string | null, string | null | undefined, string | null>;
  /** The owner's role when the run was made; it decides which secrets the run may use. */
  owner_role: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  heartbeat_at: NullableTimestamp;
  worker_id: string | null;
  cancel_requested: Generated<boolean>;
  duration_ms: number | null;
  error: ColumnType<unknown, string | null, string | null>;
  /** The plugin versions and bundle hashes the run used, `[{ name, version, sha256 }]`; null until resolved. */
  plugins: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface NodeRunsTable {
  run_id: BigInt8;
  node_id: string;
  status: string;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  duration_ms: number | null;
  cached: Generated<boolean>;
  error: ColumnType<unknown, string | null, string | null>;
  /** Per port: the output summary and, for tables, the Arrow IPC artifact's hash. */
  outputs: ColumnType<unknown, string | null, string | null>;
}

export interface RunEventsTable {
  run_id: BigInt8;
  /** 1, 2, 3… per run: the SSE event id. */
  seq: number;
  type: string;
  node_id: string | null;
  data: Json;
  at: CreatedAt;
}

/**
 * The typed schema Kysely checks queries against. Each resource's tables live in `./tables/<resource>.ts`.
 */
export interface Database extends ModelsTables, EndpointsTables, SchedulesTables, PluginsTables, GraphTestsTables {
  users: UsersTable;
  tokens: TokensTable;
  graphs: GraphsTable;
  graph_versions: GraphVersionsTable;
  secrets: SecretsTable;
  file_owners: FileOwnersTable;
  audit_log: AuditLogTable;
  artifacts: ArtifactsTable;
  artifact_refs: ArtifactRefsTable;
  runs: RunsTable;
  node_runs: NodeRunsTable;
  run_events: RunEventsTable;
}

export type TokenRow = Selectable<TokensTable>;
export type UserRow = Selectable<UsersTable>;
export type GraphRow = Selectable<GraphsTable>;
export type GraphVersionRow = Selectable<GraphVersionsTable>;
export type NewAuditEntry = Insertable<AuditLogTable>;
export type RunRow = Selectable<RunsTable>;
export type NodeRunRow = Selectable<NodeRunsTable>;
