import type { Issue, NodeDescriptor, PluginManifest } from '@causeway/sdk';
import { maxSatisfying, validRange } from 'semver';
import type { PluginsRepository } from './plugins-repository';

/** The plugin version a graph runs with. */
export interface ResolvedPlugin {
  name: string;
  version: string;
  sha256: string;
  nodes: NodeDescriptor[];
}

/** The plugins a graph's `requires` picks, and why any could not be found. */
export interface PluginResolution {
  plugins: ResolvedPlugin[];
  issues: Issue[];
}

/** What a graph says about the plugins it needs. */
export interface GraphPluginNeeds {
  requires?: Readonly<Record<string, string>> | undefined;
  nodes: ReadonlyArray<{ id: string; type: string }>;
}

/**
 * Picks, for each plugin a graph requires, the highest enabled version satisfying its semver
 * range (prereleases such as `1.0.0-dev` only when the range names one). A required plugin with no
 * such version, or a node whose plugin type no required plugin provides, is a `PLUGIN_MISSING`
 * issue naming the plugin and range (or the node and type).
 */
export async function resolvePlugins(
  repository: PluginsRepository,
  graph: GraphPluginNeeds,
  isBuiltin: (type: string) => boolean,
): Promise<PluginResolution> {
  const requires = graph.requires ?? {};
  const names = Object.keys(requires);
  const enabled = await repository.enabled(names);
  const plugins: ResolvedPlugin[] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const range = requires[name] as string;
    if (validRange(range) === null) {
      issues.push({ code: 'PLUGIN_MISSING', path: ['requires', name], message: `requires.${name}: "${range}" is not a semver range` });
      continue;
    }
    const candidates = enabled.filter((plugin) => plugin.name === name);
    const best = maxSatisfying(
      candidates.map((plugin) => plugin.version),
      range,
    );
    const chosen = candidates.find((plugin) => plugin.version === best);
    if (chosen === undefined) {
      const have = candidates.length === 0 ? 'none is installed and enabled' : `enabled: ${candidates.map((p) => p.version).join(', ')}`;
      issues.push({
        code: 'PLUGIN_MISSING',
        path: ['requires', name],
        message: `The graph needs plugin ${name} ${range}, which this server does not have (${have}).`,
      });
      continue;
    }
    plugins.push({ name, version: chosen.version, sha256: chosen.sha256, nodes: (chosen.manifest as PluginManifest).nodes });
  }
  const provided = new Set(plugins.flatMap((plugin) => plugin.nodes.map((node) => node.type)));
  graph.nodes.forEach((node, index) => {
    if (isBuiltin(node.type) || provided.has(node.type)) return;
    const owner = names.find((name) => node.type.startsWith(`${name}/`));
    if (owner !== undefined && !plugins.some((plugin) => plugin.name === owner)) return; // already reported under requires
    if (!node.type.includes('/')) return; // an unknown built-in type: graph validation reports it
    const plugin = node.type.slice(0, node.type.lastIndexOf('/'));
    issues.push({
      code: 'PLUGIN_MISSING',
      path: ['nodes', index, 'type'],
      nodeId: node.id,
      message:
        owner === undefined
          ? `Node "${node.id}" has type "${node.type}" from plugin ${plugin}, which the graph's "requires" does not list.`
          : `Node "${node.id}" has type "${node.type}", which plugin ${owner} does not provide.`,
    });
  });
  return { plugins, issues };
}
