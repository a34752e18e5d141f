import type { PluginManifest } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { grantOf, type PluginGrant } from './plugin-grant';

/** An installed plugin version as the API lists it (the bundle itself is fetched separately). */
export interface InstalledPlugin {
  name: string;
  version: string;
  enabled: boolean;
  sha256: string;
  manifest: PluginManifest;
  installedBy: string;
  installedAt: Date;
  /** What an admin granted of the manifest's capabilities. */
  grant: PluginGrant;
}

/** A plugin version that claims a node type. */
export interface TypeOwner {
  type: string;
  name: string;
  version: string;
}

// The manifest was checked on the way in; jsonb comes back parsed on pg and PGlite alike.
const manifestOf = (value: unknown): PluginManifest => (typeof value === 'string' ? JSON.parse(value) : value) as PluginManifest;

/** Installed plugin versions: manifest, bundle bytes (so any worker can fetch them), enabled flag and the node types each claims. */
export class PluginsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<InstalledPlugin[]> {
    const rows = await this.db
      .selectFrom('plugins')
      .select(['name', 'version', 'enabled', 'sha256', 'manifest', 'installed_by', 'installed_at', 'grants'])
      .orderBy('name')
      .orderBy('installed_at')
      .execute();
    return rows.map((row) => this.toInstalled(row));
  }

  async get(name: string, version: string): Promise<InstalledPlugin | undefined> {
    const row = await this.db
      .selectFrom('plugins')
      .select(['name', 'version', 'enabled', 'sha256', 'manifest', 'installed_by', 'installed_at', 'grants'])
      .where('name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? undefined : this.toInstalled(row);
  }

  /** The enabled versions of the named plugins. */
  async enabled(names: readonly string[]): Promise<InstalledPlugin[]> {
    return (await this.installed(names)).filter((plugin) => plugin.enabled);
  }

  /** Every installed version of the named plugins, enabled or not. */
  async installed(names: readonly string[]): Promise<InstalledPlugin[]> {
    if (names.length === 0) return [];
    const rows = await this.db
      .selectFrom('plugins')
      .select(['name', 'version', 'enabled', 'sha256', 'manifest', 'installed_by', 'installed_at', 'grants'])
      .where('name', 'in', [...names])
      .execute();
    return rows.map((row) => this.toInstalled(row));
  }

  async bundle(name: string, version: string): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    const row = await this.db
      .selectFrom('plugins')
      .select(['bundle', 'sha256'])
      .where('name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? undefined : { bytes: new Uint8Array(row.bundle), sha256: row.sha256 };
  }

  /** Which other plugins (any version, enabled or not) already claim these node types. */
  async typeOwners(types: readonly string[], except: string): Promise<TypeOwner[]> {
    if (types.length === 0) return [];
    const rows = await this.db
      .selectFrom('plugin_node_types')
      .select(['type', 'plugin_name', 'plugin_version'])
      .where('type', 'in', [...types])
      .where('plugin_name', '<>', except)
      .execute();
    return rows.map((row) => ({ type: row.type, name: row.plugin_name, version: row.plugin_version }));
  }

  /** Stores a version; with `replace`, an existing one of the same name and version is replaced. False when it exists and may not be replaced. */
  async insert(
    plugin: { manifest: PluginManifest; bundle: Uint8Array; installedBy: string; grant: PluginGrant },
    replace: boolean,
  ): Promise<boolean> {
    const { manifest } = plugin;
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('plugins')
        .select('name')
        .where('name', '=', manifest.name)
        .where('version', '=', manifest.version)
        .forUpdate()
        .executeTakeFirst();
      if (existing !== undefined) {
        if (!replace) return false;
        await trx.deleteFrom('plugins').where('name', '=', manifest.name).where('version', '=', manifest.version).execute();
      }
      await trx
        .insertInto('plugins')
        .values({
          name: manifest.name,
          version: manifest.version,
          manifest: JSON.stringify(manifest),
          bundle: plugin.bundle,
          sha256: manifest.bundleSha256,
          installed_by: plugin.installedBy,
          grants: JSON.stringify(plugin.grant),
        })
        .execute();
      const types = [...new Set(manifest.nodes.map((node) => node.type))];
      await trx
        .insertInto('plugin_node_types')
        .values(types.map((type) => ({ type, plugin_name: manifest.name, plugin_version: manifest.version })))
        .execute();
      return true;
    });
  }

  /** Replaces a version's grant; false when no such version is installed. */
  async setGrant(name: string, version: string, grant: PluginGrant): Promise<boolean> {
    const result = await this.db
      .updateTable('plugins')
      .set({ grants: JSON.stringify(grant) })
      .where('name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setEnabled(name: string, version: string, enabled: boolean): Promise<boolean> {
    const result = await this.db
      .updateTable('plugins')
      .set({ enabled })
      .where('name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async remove(name: string, version: string): Promise<boolean> {
    const result = await this.db.deleteFrom('plugins').where('name', '=', name).where('version', '=', version).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private toInstalled(row: {
    name: string;
    version: string;
    enabled: boolean;
    sha256: string;
    manifest: unknown;
    installed_by: string;
    installed_at: Date;
    grants: unknown;
  }): InstalledPlugin {
    return {
      name: row.name,
      version: row.version,
      enabled: row.enabled,
      sha256: row.sha256,
      manifest: manifestOf(row.manifest),
      installedBy: row.installed_by,
      installedAt: row.installed_at,
      grant: grantOf(row.grants),
    };
  }
}
