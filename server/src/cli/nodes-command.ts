import { createBuiltinRegistry } from '@causeway/nodes';
import { formatIssue, type NodeDescriptor, type NodePortDescriptor } from '@causeway/sdk';
import { nodeCatalog } from '../graphs/node-catalog';
import { type CliIo, exitCodes } from './cli-io';
import { loadCliPlugins } from './cli-plugins';
import { cliSettings } from './cli-settings';
import { helpText } from './help-text';
import { parseCommandArgs } from './parse-command-args';

function portText(ports: Record<string, NodePortDescriptor>): string {
  const parts = Object.entries(ports).map(([id, p]) => `${id}:${p.kind}${p.multiple ? '[]' : ''}${p.optional ? '?' : ''}`);
  return parts.length === 0 ? '-' : parts.join(' ');
}

function configText(schema: Record<string, unknown>): string {
  const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return properties.map((name) => (required.has(name) ? name : `${name}?`)).join(' ') || '-';
}

function table(listings: NodeDescriptor[]): string {
  const rows = [
    ['TYPE', 'VERSION', 'CATEGORY', 'TITLE', 'INPUTS', 'OUTPUTS', 'CONFIG'],
    ...listings.map((n) => [n.type, String(n.version), n.category, n.title, portText(n.inputs), portText(n.outputs), configText(n.config)]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')).join('\n');
}

/** `causeway nodes [--json] [--plugin PATH]…`: every node type, as `GET /api/nodes` lists them (one function, `nodeCatalog`). */
export async function nodesCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  const options = { json: { type: 'boolean' }, plugin: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } as const;
  const { values } = parseCommandArgs('nodes', args, options, []);
  if (values.help) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const loaded = await loadCliPlugins(values.plugin ?? [], cwd, cliSettings(io.env).CAUSEWAY_PLUGINS_DIR);
  if (loaded.issues.length > 0) {
    for (const issue of loaded.issues) io.stderr(`${formatIssue(issue)}\n`);
    return exitCodes.failed;
  }
  const listings = nodeCatalog(createBuiltinRegistry(), loaded.plugins);
  io.stdout(values.json ? `${JSON.stringify(listings, null, 2)}\n` : `${table(listings)}\n`);
  return exitCodes.ok;
}
