import type { Issue, NodeDescriptor, PluginManifest } from '@causeway/sdk';
import { maxSatisfying, validRange } from 'semver';
import { noGrant, type PluginGrant } from './plugin-grant';
import type { PluginsRepository } from './plugins-repository';

/** The plugin version a graph runs with. */
export interface ResolvedPlugin {
  name: string;
  version: string;
  sha256: string;
  nodes: NodeDescriptor[];
  /** What its nodes may reach through `ctx.fetch`. */
  grant: PluginGrant;
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

/** A plugin version a host can offer a graph: enabled on a server, or loaded by the CLI. */
export interface AvailablePlugin {
  name: string;
  version: string;
  sha256: string;
  manifest: PluginManifest;
  /** What an admin granted it (none when absent). */
  grant?: PluginGrant;
}

/** Where the plugins come from, for messages: "this server", "the loaded plugins". */
export interface PluginSource {
  host: string;
  /** What to say when no version of a required plugin is available at all. */
  none: string;
  /** How the available versions are listed: `enabled`, `loaded`. */
  listed: string;
}

const serverSource: PluginSource = { host: 'this server', none: 'none is installed and enabled', listed: 'enabled' };

/**
 * Picks, for each plugin a graph requires, the highest enabled version satisfying its semver
 * range (prereleases such as `1.0.0-dev` only when the range names one). A required plugin with no
 * such version, or a node whose plugin type no required plugin provides, is a `PLUGIN_MISSING`
 * issue naming the plugin and range (or the node and type); a disabled version in range is named
 * as "installed but disabled".
 */
export async function resolvePlugins(
  repository: PluginsRepository,
  graph: GraphPluginNeeds,
  isBuiltin: (type: string) => boolean,
): Promise<PluginResolution> {
  const installed = await repository.installed(Object.keys(graph.requires ?? {}));
  const disabled = installed.filter((plugin) => !plugin.enabled);
  return resolveRequires(
    installed.filter((plugin) => plugin.enabled),
    graph,
    isBuiltin,
    serverSource,
    disabled,
  );
}

/**
 * The one answer to a graph's `requires`, for the server (its enabled plugins) and the CLI (the
 * plugins it loaded): for each required plugin the highest available version in its range, and a
 * `PLUGIN_MISSING` issue naming plugin and range for each that has none, or naming the node for a
 * plugin node type no required plugin provides.
 */
export function resolveRequires(
  available: readonly AvailablePlugin[],
  graph: GraphPluginNeeds,
  isBuiltin: (type: string) => boolean,
  source: PluginSource,
  disabled: readonly AvailablePlugin[] = [],
): PluginResolution {
  const requires = graph.requires ?? {};
  const names = Object.keys(requires);
  const plugins: ResolvedPlugin[] = [];
  const issues: Issue[] = [];
  for (const name of names) {
    const range = requires[name] as string;
    if (validRange(range) === null) {
      issues.push({ code: 'PLUGIN_MISSING', path: ['requires', name], message: `requires.${name}: "${range}" is not a semver range` });
      continue;
    }
    const candidates = available.filter((plugin) => plugin.name === name);
    const best = maxSatisfying(
      candidates.map((plugin) => plugin.version),
      range,
    );
    const chosen = candidates.find((plugin) => plugin.version === best);
    if (chosen === undefined) {
      const have = candidates.length === 0 ? source.none : `${source.listed}: ${candidates.map((p) => p.version).join(', ')}`;
      const off = maxSatisfying(
        disabled.filter((plugin) => plugin.name === name).map((plugin) => plugin.version),
        range,
      );
      issues.push({
        code: 'PLUGIN_MISSING',
        path: ['requires', name],
        message:
          off === null
            ? `The graph needs plugin ${name} ${range}, which ${source.host} does not have (${have}).`
            : `The graph needs plugin ${name} ${range}: ${name}@${off} is installed but disabled on ${source.host} (${have}); an ops or admin token can enable it.`,
      });
      continue;
    }
    plugins.push({ name, version: chosen.version, sha256: chosen.sha256, nodes: chosen.manifest.nodes, grant: chosen.grant ?? noGrant });
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
