import { createBuiltinRegistry } from '@causeway/nodes';
import { formatIssue, validateGraph } from '@causeway/sdk';
import { type CliIo, exitCodes } from './cli-io';
import { helpText } from './help-text';
import { loadGraph } from './load-graph';
import { parseCommandArgs } from './parse-command-args';

/** `causeway validate <graph.json>`: one line per issue on stdout, exit 1 when invalid. */
export async function validateCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const { positionals } = parseCommandArgs('validate', args, {}, ['graph.json']);
  const [file = ''] = positionals;
  const loaded = await loadGraph(file, cwd);
  const issues = loaded.ok ? validateGraph(loaded.value.graph, createBuiltinRegistry(), { infer: true }).issues : loaded.issues;
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
