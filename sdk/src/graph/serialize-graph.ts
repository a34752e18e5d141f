import { InternalError } from '../errors/errors';
import type { Graph } from './schema';

type KeyOrder = (keys: string[]) => string[];

const graphKeys = ['format', 'id', 'name', 'description', 'requires', 'nodes', 'edges', 'notes'];
const nodeKeys = ['id', 'type', 'version', 'label', 'position', 'config'];
const edgeKeys = ['from', 'to'];
const noteKeys = ['id', 'text', 'position', 'size'];

/**
 * Writes a graph the one way it is saved, so that graphs diff cleanly in git: structural keys in a
 * fixed order (graph: format, id, name, description, requires, nodes, edges, notes; node: id, type,
 * version, label, position, config; edge: from, to), every other object's keys sorted, arrays in
 * their order, 2-space indent, positions and sizes on one line, and a trailing newline.
 * `parseGraph(serializeGraph(g))` gives back `g`.
 *
 * Throws {@link InternalError} when a config holds something that is not JSON data.
 *
 * @example
 * await writeFile('churn.graph.json', serializeGraph(graph));
 */
export function serializeGraph(graph: Graph): string {
  return `${writeObject(graph, '', ordered(graphKeys), writeGraphField)}\n`;
}

function writeGraphField(key: string, value: unknown, indent: string): string {
  switch (key) {
    case 'nodes':
      return writeArray(value, indent, (item, inner) => writeObject(item, inner, ordered(nodeKeys), writeNodeField));
    case 'edges':
      return writeArray(value, indent, (item, inner) => writeObject(item, inner, ordered(edgeKeys), writeJson));
    case 'notes':
      return writeArray(value, indent, (item, inner) => writeObject(item, inner, ordered(noteKeys), writeNoteField));
    default:
      return writeJson(key, value, indent);
  }
}

function writeNodeField(key: string, value: unknown, indent: string): string {
  return key === 'position' ? writeInline(value, indent) : writeJson(key, value, indent);
}

function writeNoteField(key: string, value: unknown, indent: string): string {
  return key === 'position' || key === 'size' ? writeInline(value, indent) : writeJson(key, value, indent);
}

/** Structural keys first in their fixed order; any others after them, sorted. */
function ordered(known: readonly string[]): KeyOrder {
  return (keys) => [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k)).sort()];
}

const sorted: KeyOrder = (keys) => keys.sort();

function writeJson(_key: string, value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return writeScalar(value);
  if (Array.isArray(value)) return writeArray(value, indent, (item, inner) => writeJson('', item, inner));
  return writeObject(value, indent, sorted, writeJson);
}

function writeObject(
  value: unknown,
  indent: string,
  order: KeyOrder,
  field: (key: string, value: unknown, indent: string) => string,
): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return writeJson('', value, indent);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new InternalError('serializeGraph: a class instance is not JSON data.');
  const record = value as Record<string, unknown>;
  const keys = order(Object.keys(record).filter((k) => record[k] !== undefined));
  if (keys.length === 0) return '{}';
  const inner = `${indent}  `;
  const lines = keys.map((k) => `${inner}${JSON.stringify(k)}: ${field(k, record[k], inner)}`);
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

function writeArray(value: unknown, indent: string, item: (value: unknown, indent: string) => string): string {
  if (!Array.isArray(value)) return writeJson('', value, indent);
  if (value.length === 0) return '[]';
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const v of value) lines.push(`${inner}${v === undefined ? 'null' : item(v, inner)}`);
  return `[\n${lines.join(',\n')}\n${indent}]`;
}

function writeInline(value: unknown, indent: string): string {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'number')) return writeJson('', value, indent);
  return `[${value.map(writeScalar).join(', ')}]`;
}

function writeScalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InternalError(`serializeGraph: ${typeof value === 'number' ? value : `a ${typeof value}`} is not JSON data.`);
}
