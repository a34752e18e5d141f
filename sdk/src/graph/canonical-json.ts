import { InternalError } from '../errors/errors';

// Parsed graphs are at most graphLimits.depth deep; this only stops runaway or cyclic input.
const maxDepth = 1_000;

/**
 * Compact JSON with object keys sorted at every level (by UTF-16 code units), arrays in order and
 * `undefined` properties dropped: equal JSON values always give the same string, whatever the key
 * order they were built in. Used for cache keys and fingerprints.
 *
 * Throws {@link InternalError} for anything that is not JSON data (non-finite numbers, functions,
 * symbols, bigints, class instances such as `Date` or `Map`, cycles): callers pass parsed JSON.
 *
 * @example
 * canonicalJson({ b: [2, 1], a: { d: true, c: null } }) // '{"a":{"c":null,"d":true},"b":[2,1]}'
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) throw new InternalError('canonicalJson: the value is undefined.');
  return write(value, 0);
}

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new InternalError(`canonicalJson: ${value} is not a JSON number.`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (depth >= maxDepth) throw new InternalError('canonicalJson: the value is nested too deeply or is cyclic.');
      return Array.isArray(value) ? writeArray(value, depth + 1) : writeObject(value, depth + 1);
    default:
      throw new InternalError(`canonicalJson: a ${typeof value} is not JSON data.`);
  }
}

function writeArray(array: readonly unknown[], depth: number): string {
  let out = '[';
  for (let i = 0; i < array.length; i++) {
    if (i > 0) out += ',';
    const item = array[i];
    // As JSON.stringify does: a hole or undefined in an array is null.
    out += item === undefined ? 'null' : write(item, depth);
  }
  return `${out}]`;
}

function writeObject(object: object, depth: number): string {
  const proto = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw new InternalError(`canonicalJson: a ${object.constructor?.name ?? 'class instance'} is not a plain JSON object.`);
  }
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += first ? JSON.stringify(key) : `,${JSON.stringify(key)}`;
    out += `:${write(item, depth)}`;
    first = false;
  }
  return `${out}}`;
}
