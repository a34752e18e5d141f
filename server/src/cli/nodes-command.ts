import { createBuiltinRegistry } from '@causeway/nodes';
import { type CliIo, exitCodes } from './cli-io';
import { describeNode, type NodeListing, type PortListing } from './describe-nodes';
import { helpText } from './help-text';
import { parseCommandArgs } from './parse-command-args';

function portText(ports: Record<string, PortListing>): string {
  const parts = Object.entries(ports).map(([id, p]) => `${id}:${p.kind}${p.multiple ? '[]' : ''}${p.optional ? '?' : ''}`);
  return parts.length === 0 ? '-' : parts.join(' ');
}

function configText(schema: Record<string, unknown>): string {
  const properties = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return properties.map((name) => (required.has(name) ? name : `${name}?`)).join(' ') || '-';
}

function table(listings: NodeListing[]): string {
  const rows = [
    ['TYPE', 'VERSION', 'CATEGORY', 'TITLE', 'INPUTS', 'OUTPUTS', 'CONFIG'],
    ...listings.map((n) => [n.type, String(n.version), n.category, n.title, portText(n.inputs), portText(n.outputs), configText(n.config)]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')).join('\n');
}

/** `causeway nodes [--json]`: every registered node type. */
export async function nodesCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs('nodes', args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, []);
  if (values.help) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const listings = createBuiltinRegistry().list().map(describeNode);
  io.stdout(values.json ? `${JSON.stringify(listings, null, 2)}\n` : `${table(listings)}\n`);
  return exitCodes.ok;
}
