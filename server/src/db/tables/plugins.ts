import type { ColumnType } from 'kysely';
import type { Bytes, CreatedAt } from '../column-types';

export interface PluginsTable {
  name: string;
  /** semver, e.g. `1.2.0` (dev installs: `0.0.0-dev`). */
  version: string;
  manifest: ColumnType<unknown, string, string>;
  /** The bundle as uploaded; specifiers are rewritten only where it is loaded. */
  bundle: Bytes;
  /** sha256 (hex) of `bundle`, as the manifest states it. */
  sha256: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  installed_by: string;
  installed_at: CreatedAt;
  /** What an admin granted: `{ network: string[], secrets: string[] }`; null grants nothing. */
  grants: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface PluginNodeTypesTable {
  type: string;
  plugin_name: string;
  plugin_version: string;
}

/** Tables of migration with plugins: their Kysely types, merged into `Database`. */
export interface PluginsTables {
  plugins: PluginsTable;
  plugin_node_types: PluginNodeTypesTable;
}
