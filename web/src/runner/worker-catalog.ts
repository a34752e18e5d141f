import { createBuiltinRegistry } from '@causeway/nodes';
import { describeNode, type Graph, NodeRegistry, UserError } from '@causeway/sdk';
import { rcompare, satisfies, validRange } from 'semver';
import { missingPlugins } from '../canvas/placeholders';
import type { CatalogMessage, PluginStatus } from '../registry';
import type { LoadedPlugin } from './plugins/load-plugins';

const fits = (version: string, range: string) =>
  validRange(range) ? satisfies(version, range, { includePrerelease: true }) : version === range;

/**
 * The worker's node types: the built-ins plus the plugins it loaded. Several versions of a plugin may
 * be loaded side by side; a graph runs with the newest version its `requires` range accepts (the
 * newest loaded when it names none), and the page is shown the newest of each.
 */
export class WorkerCatalog {
  readonly #builtins = createBuiltinRegistry();
  readonly #plugins: LoadedPlugin[];
  readonly #registries = new Map<string, NodeRegistry>();

  constructor(plugins: LoadedPlugin[] = []) {
    // Newest version first, so picking "the first that fits" picks the newest.
    this.#plugins = [...plugins].sort((a, b) => a.status.name.localeCompare(b.status.name) || rcompare(a.status.version, b.status.version));
    for (const plugin of this.#plugins) {
      if (plugin.status.error !== undefined) continue;
      const clash = plugin.definitions.find((d) => this.#builtins.has(d.type));
      if (clash) plugin.status.error = `Node type ${clash.type} is already a built-in node type.`;
    }
  }

  get statuses(): PluginStatus[] {
    return this.#plugins.map((p) => p.status);
  }

  /** What the page is sent: descriptors (plugins' from their manifests) and every plugin's status. */
  message(): CatalogMessage {
    const nodes = this.#builtins.list().map(describeNode);
    for (const plugin of this.#chosen(undefined)) nodes.push(...plugin.descriptors);
    return { nodes, plugins: this.statuses };
  }

  /** The registry a graph validates and runs with. */
  registryFor(graph: Pick<Graph, 'requires'> | undefined): NodeRegistry {
    const chosen = this.#chosen(graph?.requires);
    const key = chosen.map((p) => `${p.status.name}@${p.status.version}`).join(' ');
    let registry = this.#registries.get(key);
    if (!registry) {
      registry = new NodeRegistry().add(...this.#builtins.list());
      for (const plugin of chosen) registry.add(...plugin.definitions);
      this.#registries.set(key, registry);
    }
    return registry;
  }

  /** Refuses a run that needs a plugin this worker does not have, naming it. */
  assertRunnable(graph: Graph): void {
    const missing = missingPlugins(graph, this.statuses);
    if (missing.length === 0) return;
    const list = missing.map((m) => `${m.name} ${m.range}${m.loaded.length ? ` (installed: ${m.loaded.join(', ')})` : ''}`).join(', ');
    throw new UserError(
      'PLUGIN_MISSING',
      `This graph needs plugin${missing.length > 1 ? 's' : ''} ${list}, not installed here. Install it to run the graph.`,
      {
        details: { plugins: missing.map((m) => m.name) },
      },
    );
  }

  /** One loaded version per plugin name: the newest that fits the graph's range for it. */
  #chosen(requires: Graph['requires']): LoadedPlugin[] {
    const out: LoadedPlugin[] = [];
    const taken = new Set<string>();
    for (const plugin of this.#plugins) {
      const { name, version, error } = plugin.status;
      if (error !== undefined || taken.has(name)) continue;
      const range = requires?.[name];
      if (range !== undefined && !fits(version, range)) continue;
      taken.add(name);
      out.push(plugin);
    }
    return out;
  }
}
