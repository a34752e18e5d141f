import { formatIssue, type Issue, type NodeRegistry, type PluginManifest, UserError } from '@causeway/sdk';
import { prerelease } from 'semver';
import { type Role, roleAllows } from '../auth/roles';
import type { AuditRepository } from '../repositories/audit-repository';
import { checkPluginUpload } from './check-plugin-upload';
import { grantsAnything, noGrant, type PluginGrant } from './plugin-grant';
import type { InstalledPlugin, PluginsRepository } from './plugins-repository';
import type { PluginUpload } from './read-plugin-upload';

/** What an install checks against and writes to. */
export interface InstallDeps {
  plugins: PluginsRepository;
  /** The built-in node types, which no plugin may reuse. */
  builtins: NodeRegistry;
  audit: AuditRepository;
}

/** `dev`: the developer's loop, which may only install `-dev` prerelease versions, and replaces them in place. */
export type InstallMode = 'release' | 'dev';

const manifestError = (issues: Issue[]) =>
  new UserError('PLUGIN_MANIFEST_INVALID', `The plugin manifest was refused: ${issues.map(formatIssue).slice(0, 5).join('; ')}`, {
    issues: issues.slice(0, 50),
  });

/** Who installs: their name (stored, audited) and role (granting capabilities needs `plugins:grant`). */
export interface InstallActor {
  name: string;
  role: Role;
}

/**
 * Installs a plugin version without running any of its code: {@link checkPluginUpload} (which
 * checks `grant` against what the manifest asks for), then collisions with built-in node types and
 * with the types of other installed plugins. Granting needs `plugins:grant`. Stored with the grant in the
 * database and audited.
 */
export async function installPlugin(
  deps: InstallDeps,
  upload: PluginUpload,
  actor: InstallActor,
  mode: InstallMode,
  grant: PluginGrant = noGrant,
): Promise<InstalledPlugin> {
  if (grantsAnything(grant) && !roleAllows(actor.role, 'plugins:grant')) {
    throw new UserError(
      'FORBIDDEN',
      `Granting a plugin network hosts or secrets needs plugins:grant (admins); ${actor.name} is ${actor.role}, so nothing was installed.`,
    );
  }
  const manifest = await checkPluginUpload(upload, grant);
  if (mode === 'dev' && !(prerelease(manifest.version) ?? []).includes('dev')) {
    throw new UserError(
      'FORBIDDEN',
      `The development install takes only "-dev" versions (e.g. 1.0.0-dev); ${manifest.version} needs an ops or admin token.`,
    );
  }
  await checkCollisions(deps, manifest);
  const stored = await deps.plugins.insert({ manifest, bundle: upload.bundle, installedBy: actor.name, grant }, mode === 'dev');
  if (!stored) {
    throw new UserError(
      'CONFLICT',
      `Plugin ${manifest.name}@${manifest.version} is already installed; publish a new version, or remove this one first.`,
    );
  }
  await deps.audit.record({
    actor: actor.name,
    action: mode === 'dev' ? 'plugin.install-dev' : 'plugin.install',
    target: `plugin:${manifest.name}@${manifest.version}`,
    details: { sha256: manifest.bundleSha256, nodes: manifest.nodes.map((node) => `${node.type}@${node.version}`), grant },
  });
  return (await deps.plugins.get(manifest.name, manifest.version)) as InstalledPlugin;
}

async function checkCollisions(deps: InstallDeps, manifest: PluginManifest): Promise<void> {
  const issues: Issue[] = [];
  manifest.nodes.forEach((node, index) => {
    if (deps.builtins.has(node.type)) {
      issues.push({
        code: 'PLUGIN_MANIFEST_INVALID',
        path: ['nodes', index, 'type'],
        message: `node type "${node.type}" is a built-in node type`,
      });
    }
  });
  const owners = await deps.plugins.typeOwners(
    manifest.nodes.map((node) => node.type),
    manifest.name,
  );
  for (const owner of owners) {
    const index = manifest.nodes.findIndex((node) => node.type === owner.type);
    issues.push({
      code: 'PLUGIN_MANIFEST_INVALID',
      path: ['nodes', index, 'type'],
      message: `node type "${owner.type}" is already provided by plugin ${owner.name}@${owner.version}`,
    });
  }
  if (issues.length > 0) throw manifestError(issues);
}
