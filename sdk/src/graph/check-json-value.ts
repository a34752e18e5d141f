import { formatPath, type Issue, type IssuePath } from '../errors/issue';
import { characterCount, exceedsCharacters } from './character-count';
import { graphLimits } from './schema';

/**
 * The limits {@link checkJsonValue} and `parseJsonSafely` enforce; `graphLimits` by default.
 *
 * @example
 * const limits: JsonLimits = { bytes: 1_000_000, depth: 32, stringLength: 10_000, keysPerObject: 1_000 };
 */
export interface JsonLimits {
  /** Maximum UTF-8 size of the text; also bounds how many values a document may hold. */
  readonly bytes: number;
  /** Maximum number of nested objects and arrays. */
  readonly depth: number;
  /** Maximum length of a string or key, in characters (code points), as the message reports it. */
  readonly stringLength: number;
  /** Maximum number of keys in one object. */
  readonly keysPerObject: number;
}

/** Keys that could reach an object's prototype if a consumer copied them with plain assignment. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const maxIssues = 100;

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly key: string | number;
}

/**
 * Walks a JSON value without recursion and reports what a hostile document could use against a
 * consumer: nesting deeper than `limits.depth`, over-long strings and keys, objects with too many
 * keys, the keys `__proto__`, `constructor` and `prototype`, and anything that is not JSON data
 * (functions, class instances, non-finite numbers). Returns at most 100 issues;
 * an object with a bad key is not walked further.
 *
 * @example
 * checkJsonValue(JSON.parse('{"__proto__":{"polluted":1}}'))[0]?.code // 'GRAPH_FORBIDDEN_KEY'
 */
export function checkJsonValue(root: unknown, limits: JsonLimits = graphLimits): Issue[] {
  return withinLimits(root, limits) ? [] : findIssues(root, limits);
}

/** The same checks without paths or messages: no allocation per value, so accepting a document is cheap. */
function withinLimits(root: unknown, limits: JsonLimits): boolean {
  let budget = limits.bytes;
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = (depths.pop() as number) + 1;
    switch (typeof value) {
      case 'string':
        if (exceedsCharacters(value, limits.stringLength)) return false;
        continue;
      case 'number':
        if (!Number.isFinite(value)) return false;
        continue;
      case 'boolean':
        continue;
      case 'object':
        if (value === null) continue;
        break;
      default:
        return false;
    }
    if (depth > limits.depth) return false;
    if (Array.isArray(value)) {
      budget -= value.length;
      if (budget < 0) return false;
      for (const item of value) {
        values.push(item);
        depths.push(depth);
      }
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    const keys = Object.keys(value);
    budget -= keys.length;
    if (keys.length > limits.keysPerObject || budget < 0) return false;
    for (const key of keys) {
      if (exceedsCharacters(key, limits.stringLength) || ((key.length === 9 || key.length === 11) && forbiddenKeys.has(key))) return false;
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) {
        values.push(item);
        depths.push(depth);
      }
    }
  }
  return true;
}

function findIssues(root: unknown, limits: JsonLimits): Issue[] {
  const issues: Issue[] = [];
  // Every value of a JSON text takes at least one byte, so this also stops cyclic input.
  let budget = limits.bytes;
  const stack: Frame[] = [{ value: root, depth: 0, parent: undefined, key: '' }];
  const report = (code: Issue['code'], frame: Frame, message: string, key?: string) => {
    const path = pathOf(frame, key);
    issues.push({ code, path, message: `${formatPath(path)}: ${message}` });
  };

  for (let frame = stack.pop(); frame !== undefined && issues.length < maxIssues; frame = stack.pop()) {
    const value = frame.value;
    switch (typeof value) {
      case 'string':
        if (exceedsCharacters(value, limits.stringLength)) {
          report(
            'GRAPH_STRING_TOO_LONG',
            frame,
            `a string of ${characterCount(value)} characters is longer than the limit of ${limits.stringLength}`,
          );
        }
        continue;
      case 'number':
        if (!Number.isFinite(value)) report('GRAPH_SCHEMA', frame, `${value} is not a JSON number`);
        continue;
      case 'boolean':
        continue;
      case 'object':
        if (value === null) continue;
        break;
      default:
        report('GRAPH_SCHEMA', frame, `a ${typeof value} is not JSON data`);
        continue;
    }
    const depth = frame.depth + 1;
    if (depth > limits.depth) {
      report('GRAPH_TOO_DEEP', frame, `nested deeper than the limit of ${limits.depth} levels`);
      continue;
    }
    if (Array.isArray(value)) {
      budget -= value.length;
      if (budget < 0) {
        report('GRAPH_TOO_LARGE', frame, 'the document holds more values than its size limit allows');
        break;
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth, parent: frame, key: i });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      report('GRAPH_SCHEMA', frame, 'a class instance is not JSON data');
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length > limits.keysPerObject) {
      report('GRAPH_TOO_LARGE', frame, `an object with ${keys.length} keys is over the limit of ${limits.keysPerObject}`);
      continue;
    }
    budget -= keys.length;
    if (budget < 0) {
      report('GRAPH_TOO_LARGE', frame, 'the document holds more values than its size limit allows');
      break;
    }
    let clean = true;
    for (const key of keys) {
      if (forbiddenKeys.has(key)) {
        report('GRAPH_FORBIDDEN_KEY', frame, `the key "${key}" is not allowed`, key);
        clean = false;
      } else if (exceedsCharacters(key, limits.stringLength)) {
        report(
          'GRAPH_STRING_TOO_LONG',
          frame,
          `a key of ${characterCount(key)} characters is longer than the limit of ${limits.stringLength}`,
          key,
        );
        clean = false;
      }
    }
    if (!clean) continue;
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      const item = record[key];
      // JSON.stringify drops undefined properties; so do we.
      if (item !== undefined) stack.push({ value: item, depth, parent: frame, key });
    }
  }
  return issues;
}

function pathOf(frame: Frame, key: string | undefined): IssuePath {
  const path: Array<string | number> = key === undefined ? [] : [key];
  for (let f: Frame | undefined = frame; f?.parent !== undefined; f = f.parent) path.push(f.key);
  return path.reverse();
}
