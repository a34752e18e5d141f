import type { z } from 'zod';
import { formatPath, type Issue } from '../errors/issue';
import { characterCount } from './character-count';

type RawIssue = z.core.$ZodRawIssue;
const maxIssues = 100;

/**
 * A zod error map for the graph schema: short messages that say what was expected and what was
 * found (`expected an integer ≥ 1, got 0.5`). Messages written into the schema take precedence.
 *
 * @example
 * graphSchema.safeParse(doc, { error: schemaErrorMap });
 */
export const schemaErrorMap: z.core.$ZodErrorMap = (issue) => messageFor(issue as RawIssue);

/**
 * Turns zod's issues for a graph document into `GRAPH_SCHEMA` issues whose messages start with the
 * field (`nodes[2].version: …`), with `nodeId` set when the path goes into a node that has a string
 * id, one issue per unknown field, duplicates dropped and at most 100 issues plus a count of the rest.
 *
 * @example
 * const r = graphSchema.safeParse(doc, { error: schemaErrorMap });
 * if (!r.success) schemaIssues(r.error.issues, doc);
 */
export function schemaIssues(issues: readonly z.core.$ZodIssue[], doc: unknown): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  for (const issue of issues) {
    const base = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const parts = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...base, key]) : [base];
    for (const path of parts) {
      const where = formatPath(path);
      const message = `${where}: ${issue.message}`;
      if (seen.has(message)) continue;
      seen.add(message);
      if (out.length >= maxIssues) {
        dropped++;
        continue;
      }
      const nodeId = nodeIdAt(doc, path);
      out.push(nodeId === undefined ? { code: 'GRAPH_SCHEMA', path, message } : { code: 'GRAPH_SCHEMA', path, message, nodeId });
    }
  }
  if (dropped > 0) out.push({ code: 'GRAPH_SCHEMA', path: [], message: `(root): ${dropped} more issues not listed` });
  return out;
}

function nodeIdAt(doc: unknown, path: ReadonlyArray<string | number>): string | undefined {
  if (path[0] !== 'nodes' || typeof path[1] !== 'number' || doc === null || typeof doc !== 'object') return undefined;
  const nodes = (doc as { nodes?: unknown }).nodes;
  const node: unknown = Array.isArray(nodes) ? nodes[path[1]] : undefined;
  const id = node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

function messageFor(issue: RawIssue): string | undefined {
  const got = `got ${describe(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `required: expected ${expected(issue)}` : `expected ${expected(issue)}, ${got}`;
    case 'too_small':
    case 'too_big':
      return `expected ${bound(issue)}, ${got}`;
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, ${got}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `does not match ${issue.pattern}` : `expected a valid ${issue.format}`;
    case 'unrecognized_keys': {
      const def: object = issue.schema?._zod.def ?? {};
      const shape = 'shape' in def && def.shape !== null && typeof def.shape === 'object' ? Object.keys(def.shape) : [];
      return shape.length > 0 ? `unknown field (the fields are ${shape.join(', ')})` : 'unknown field';
    }
    default:
      return undefined;
  }
}

function expected(issue: RawIssue & { code: 'invalid_type' }): string {
  switch (issue.expected) {
    case 'int':
      return integerRange(issue.schema);
    case 'number':
      return (issue.schema as NumberBounds | undefined)?.isInt === true ? integerRange(issue.schema) : 'a number';
    case 'array':
    case 'tuple':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    default:
      return `a ${issue.expected}`;
  }
}

interface NumberBounds {
  isInt?: unknown;
  minValue?: unknown;
  maxValue?: unknown;
}

// zod's classic number schemas expose their bounds; other schemas give an unbounded integer.
function integerRange(schema: unknown): string {
  const { minValue, maxValue } = (schema ?? {}) as NumberBounds;
  const min = typeof minValue === 'number' && minValue > Number.MIN_SAFE_INTEGER ? ` ≥ ${minValue}` : '';
  const max = typeof maxValue === 'number' && maxValue < Number.MAX_SAFE_INTEGER ? ` ≤ ${maxValue}` : '';
  return `an integer${min}${max && min ? ` and${max}` : max}`;
}

function bound(issue: RawIssue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const def = issue.schema?._zod.def;
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return 'a non-empty string';
      return `${small ? 'at least' : 'at most'} ${limit} characters`;
    case 'array':
      if (def?.type === 'tuple' && 'items' in def && Array.isArray(def.items)) return `exactly ${def.items.length} items`;
      return `${small ? 'at least' : 'at most'} ${limit} items`;
    case 'number':
    case 'int': {
      if ((issue.schema as NumberBounds | undefined)?.isInt === true) return integerRange(issue.schema);
      const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      return `a number ${op} ${limit}`;
    }
    default:
      return `${small ? 'at least' : 'at most'} ${limit}`;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length} items`;
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `a string of ${characterCount(value)} characters` : JSON.stringify(value);
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}
