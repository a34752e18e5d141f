import { UserError } from '../errors/errors';
import { formatIssue } from '../errors/issue';
import type { PluginDefinition } from '../node/define-plugin';
import { checkPluginManifest } from './check-plugin-manifest';
import { describeNode } from './describe-node';
import type { PluginManifest } from './manifest-schema';

/**
 * The built bundle a manifest points at: its file name and the hex SHA-256 of its bytes.
 *
 * @example
 * const bundle: PluginBundleInfo = { file: 'plugin.mjs', sha256: createHash('sha256').update(bytes).digest('hex') };
 */
export interface PluginBundleInfo {
  file: string;
  sha256: string;
  /**
   * The plugin's package.json. Its version is the plugin's (leave `version` out of `definePlugin`),
   * and a name or version in `definePlugin` that differs from it fails the build.
   */
  packageJson?: { name?: unknown; version?: unknown };
}

function sameAsPackage(plugin: PluginDefinition, packageJson: PluginBundleInfo['packageJson']): void {
  for (const field of ['name', 'version'] as const) {
    const [defined, packaged] = [plugin[field], packageJson?.[field]];
    if (defined === undefined || packaged === undefined || defined === packaged) continue;
    const issue = { code: 'PLUGIN_MANIFEST_INVALID' as const, path: [field], message: `package.json says ${JSON.stringify(packaged)}` };
    throw new UserError(
      'PLUGIN_MANIFEST_INVALID',
      `Plugin "${plugin.name}": definePlugin gives ${field} ${JSON.stringify(defined)}, package.json ${JSON.stringify(packaged)}; ${
        field === 'version' ? 'leave version out of definePlugin' : 'use the package name'
      }.`,
      { issues: [issue] },
    );
  }
}

/**
 * Writes the manifest of a plugin from its definition, its built bundle and its package.json (the
 * version comes from there), and checks it as a host would, so a plugin that no host would accept
 * fails at build time with the reason.
 *
 * @example
 * const plugin = (await import('./dist/plugin.mjs')).default;
 * const packageJson = JSON.parse(await readFile('package.json', 'utf8'));
 * const manifest = describePlugin(plugin, { file: 'plugin.mjs', sha256: createHash('sha256').update(bytes).digest('hex'), packageJson });
 * await writeFile('dist/causeway-plugin.json', JSON.stringify(manifest, null, 2));
 */
export function describePlugin(plugin: PluginDefinition, bundle: PluginBundleInfo): PluginManifest {
  sameAsPackage(plugin, bundle.packageJson);
  const manifest = {
    manifestVersion: 1,
    name: plugin.name,
    version: plugin.version ?? bundle.packageJson?.version,
    apiVersion: plugin.apiVersion,
    bundle: bundle.file,
    bundleSha256: bundle.sha256,
    nodes: plugin.nodes.map(describeNode),
    ...(plugin.capabilities === undefined ? {} : { capabilities: plugin.capabilities }),
  };
  const checked = checkPluginManifest(manifest);
  if (!checked.ok) {
    throw new UserError(
      'PLUGIN_MANIFEST_INVALID',
      `Plugin "${plugin.name}" would not be accepted:\n${checked.issues.map(formatIssue).join('\n')}`,
      { issues: checked.issues },
    );
  }
  return checked.value;
}
