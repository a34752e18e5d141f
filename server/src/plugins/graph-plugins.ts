import { type Issue, type NodeRegistry, UserError, validateGraph } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { type AcceptedGraph, parseGraphBody } from '../graphs/parse-graph-body';
import type { Services } from '../http/services';
import { migrateForValidation, needsPluginMigration } from './migrate-for-validation';
import { mergeMigrationIssues } from './migrate-plugin-nodes';
import { registryWithPlugins } from './plugin-node-registry';
import { PluginsRepository } from './plugins-repository';
import { type GraphPluginNeeds, type ResolvedPlugin, resolvePlugins } from './resolve-plugins';

/** What a graph body says about plugins, read defensively: the body's format is checked elsewhere. */
function needsOf(graph: unknown): GraphPluginNeeds {
  const value = (typeof graph === 'object' && graph !== null ? graph : {}) as { requires?: unknown; nodes?: unknown };
  const requires =
    typeof value.requires === 'object' && value.requires !== null && !Array.isArray(value.requires)
      ? Object.fromEntries(Object.entries(value.requires).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : undefined;
  const nodes = Array.isArray(value.nodes)
    ? value.nodes.map((node: { id?: unknown; type?: unknown }) => ({ id: String(node?.id ?? ''), type: String(node?.type ?? '') }))
    : [];
  return { ...(requires === undefined ? {} : { requires }), nodes };
}

/**
 * The registry a graph is validated against on the server: the built-ins plus the node types of
 * the enabled plugin versions its `requires` picks (descriptors only: no plugin code runs), and the
 * `PLUGIN_MISSING` issues for what it needs and this server lacks.
 */
export async function registryForGraph(
  db: Kysely<Database>,
  builtins: NodeRegistry,
  graph: unknown,
): Promise<{ registry: NodeRegistry; issues: Issue[]; plugins: ResolvedPlugin[] }> {
  const resolution = await resolvePlugins(new PluginsRepository(db), needsOf(graph), (type) => builtins.has(type));
  return { registry: registryWithPlugins(builtins, resolution.plugins), issues: resolution.issues, plugins: resolution.plugins };
}

/**
 * `parseGraphBody` against the built-ins plus the plugins the graph requires; missing plugins are
 * issues, not refusals, so work in progress saves. Nodes saved against an older plugin version are
 * validated as their plugin's `migrate` (run in a sandbox) upgrades them; the graph is stored as sent.
 */
export async function parseGraphBodyWithPlugins(db: Kysely<Database>, builtins: NodeRegistry, body: unknown): Promise<AcceptedGraph> {
  const { registry, issues, plugins } = await registryForGraph(db, builtins, body);
  const accepted = parseGraphBody(body, registry);
  if (issues.length === 0 && needsPluginMigration(accepted.graph, builtins, registry)) {
    const migrated = await migrateForValidation(db, builtins, plugins, accepted.graph);
    const validation = validateGraph(migrated.graph, registry, { infer: false });
    return { ...accepted, issues: mergeMigrationIssues(migrated.issues, validation.issues) };
  }
  return issues.length === 0 ? accepted : { ...accepted, issues: [...issues, ...accepted.issues] };
}

/**
 * Refuses to start a run of a graph version (the latest when `version` is absent) that needs a
 * plugin this server lacks: `PLUGIN_MISSING` naming the plugin and range. An unknown graph passes
 * through, for the queue to report.
 */
export async function refuseRunWithoutPlugins(
  services: Pick<Services, 'db' | 'graphs' | 'registry'>,
  graphId: string,
  version?: number,
): Promise<void> {
  const number = version ?? (await services.graphs.get(graphId))?.latestVersion;
  const stored = number === undefined ? undefined : await services.graphs.getVersion(graphId, number);
  if (stored === undefined) return;
  const { issues } = await registryForGraph(services.db, services.registry, JSON.parse(stored.graph));
  const first = issues[0];
  if (first !== undefined) throw new UserError('PLUGIN_MISSING', first.message, { issues });
}
