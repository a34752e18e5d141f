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
}

/**
 * Writes the manifest of a plugin from its definition and its built bundle, and checks it as a
 * host would, so a plugin that no host would accept fails at build time with the reason.
 *
 * @example
 * const plugin = (await import('./dist/plugin.mjs')).default;
 * const manifest = describePlugin(plugin, { file: 'plugin.mjs', sha256: createHash('sha256').update(bytes).digest('hex') });
 * await writeFile('dist/causeway-plugin.json', JSON.stringify(manifest, null, 2));
 */
export function describePlugin(plugin: PluginDefinition, bundle: PluginBundleInfo): PluginManifest {
  const manifest = {
    manifestVersion: 1,
    name: plugin.name,
    version: plugin.version,
    apiVersion: plugin.apiVersion,
    bundle: bundle.file,
    bundleSha256: bundle.sha256,
    nodes: plugin.nodes.map(describeNode),
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
