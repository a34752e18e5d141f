import { createBuiltinRegistry } from '@causeway/nodes';
import { formatIssue, type Graph, type Issue, validateGraph } from '@causeway/sdk';
import { type CliIo, exitCodes } from './cli-io';
import { loadCliPlugins, registryForCli } from './cli-plugins';
import { cliSettings } from './cli-settings';
import { helpText } from './help-text';
import { loadGraph } from './load-graph';
import { parseCommandArgs } from './parse-command-args';

/** The graph checked as the server checks it: `requires` against the loaded plugins, then the graph. */
async function validateWithPlugins(graph: Graph, pluginPaths: readonly string[], cwd: string, pluginsDir?: string): Promise<Issue[]> {
  const loaded = await loadCliPlugins(pluginPaths, cwd, pluginsDir);
  const { registry, issues } = registryForCli(graph, createBuiltinRegistry(), loaded.plugins);
  return [...loaded.issues, ...issues, ...validateGraph(graph, registry, { infer: true }).issues];
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
  const issues = loaded.ok
    ? await validateWithPlugins(loaded.value.graph, values.plugin ?? [], cwd, cliSettings(io.env).CAUSEWAY_PLUGINS_DIR)
    : loaded.issues;
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
