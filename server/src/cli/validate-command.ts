import { createBuiltinRegistry } from '@causeway/nodes';
import { formatIssue, type Graph, type Issue, validateGraph } from '@causeway/sdk';
import { mergeMigrationIssues } from '../plugins/migrate-plugin-nodes';
import { type CliIo, exitCodes } from './cli-io';
import { loadCliPlugins, registryForCli } from './cli-plugins';
import { cliSandbox } from './cli-sandbox';
import { cliSettings } from './cli-settings';
import { helpText } from './help-text';
import { loadGraph } from './load-graph';
import { parseCommandArgs } from './parse-command-args';

/**
 * The graph checked as the server checks it: `requires` against the loaded plugins, nodes of older
 * plugin versions migrated by the plugin's code in the sandbox, then the graph.
 */
async function validateWithPlugins(graph: Graph, pluginPaths: readonly string[], cwd: string, io: CliIo): Promise<Issue[]> {
  const loaded = await loadCliPlugins(pluginPaths, cwd, cliSettings(io.env).CAUSEWAY_PLUGINS_DIR);
  const builtins = createBuiltinRegistry();
  const { registry, issues, chosen } = registryForCli(graph, builtins, loaded.plugins);
  const old = graph.nodes.some((node) => !builtins.has(node.type) && registry.resolve(node.type, node.version).status === 'migrate');
  if (!old || issues.length > 0) return [...loaded.issues, ...issues, ...validateGraph(graph, registry, { infer: true }).issues];
  const plugins = await cliSandbox(builtins, chosen, io.env);
  try {
    const migrated = plugins.issues.length > 0 ? { graph, issues: plugins.issues } : await plugins.migrate(graph, io.signal);
    return [
      ...loaded.issues,
      ...mergeMigrationIssues(migrated.issues, validateGraph(migrated.graph, plugins.registry, { infer: true }).issues),
    ];
  } finally {
    plugins.close();
  }
}

/** `causeway validate <graph.json> [--plugin PATH]…`: one line per issue on stdout, exit 1 when invalid. */
export async function validateCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const options = { plugin: { type: 'string', multiple: true } } as const;
  const { values, positionals } = parseCommandArgs('validate', args, options, ['graph.json']);
  const [file = ''] = positionals;
  const loaded = await loadGraph(file, cwd);
  const issues = loaded.ok ? await validateWithPlugins(loaded.value.graph, values.plugin ?? [], cwd, io) : loaded.issues;
  for (const issue of issues) io.stdout(`${formatIssue(issue)}\n`);
  if (issues.length > 0 || !loaded.ok) {
    io.stderr(`${file}: ${issues.length} issue${issues.length === 1 ? '' : 's'}\n`);
    return exitCodes.failed;
  }
  const { graph } = loaded.value;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.stdout(`${file}: valid (${plural(graph.nodes.length, 'node')}, ${plural(graph.edges.length, 'edge')})\n`);
  return exitCodes.ok;
}
