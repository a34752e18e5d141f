type Json = Record<string, unknown>;

/**
 * A key of a config object that its JSON Schema does not list, with the keys it does list there.
 *
 * @example
 * const found: UnknownKey = { path: ['destination'], key: 'nmae', known: ['kind', 'name', 'format'] };
 */
export interface UnknownKey {
  /** Where the object is, inside the config. */
  path: Array<string | number>;
  key: string;
  known: string[];
}

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const refHops = 16;

/**
 * The keys of `value` that `schema` does not allow, at every level. An object schema with
 * `properties` is closed unless its `additionalProperties` is `true` or a schema (or it has
 * `patternProperties`): configs written by zod's `z.object` and plugin manifests built before
 * configs said `additionalProperties: false` are closed alike. In a union, a key is unknown only
 * when no variant that fits the value's constants (a discriminator) knows it. Schemas it cannot read
 * (`{}`, `not`, conditionals) allow everything.
 *
 * @example
 * unknownKeys({ type: 'object', properties: { types: {} } }, { type: {} }) // [{ path: [], key: 'type', known: ['types'] }]
 */
export function unknownKeys(schema: unknown, value: unknown): UnknownKey[] {
  return walk(schema, value, [], isJson(schema) ? schema : {}, 0);
}

function walk(schema: unknown, value: unknown, path: Array<string | number>, root: Json, hops: number): UnknownKey[] {
  if (!isJson(schema) || hops > refHops) return [];
  if (typeof schema.$ref === 'string') return walk(resolveRef(schema.$ref, root), value, path, root, hops + 1);
  const variants = [schema.anyOf, schema.oneOf].find(Array.isArray);
  if (variants) return common(candidates(variants, value).map((variant) => walk(variant, value, path, root, hops)));
  if (Array.isArray(schema.allOf)) return common(schema.allOf.map((part) => walk(part, value, path, root, hops)));
  if (Array.isArray(value)) return walkItems(schema, value, path, root);
  if (!isJson(value)) return [];
  const properties = isJson(schema.properties) ? schema.properties : undefined;
  const extra = schema.additionalProperties;
  const found: UnknownKey[] = [];
  for (const [key, item] of Object.entries(value)) {
    const property = properties && Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (property !== undefined) found.push(...walk(property, item, [...path, key], root, 0));
    else if (isJson(extra)) found.push(...walk(extra, item, [...path, key], root, 0));
    else if (properties && extra !== true && !isJson(schema.patternProperties)) found.push({ path, key, known: Object.keys(properties) });
  }
  return found;
}

function walkItems(schema: Json, value: unknown[], path: Array<string | number>, root: Json): UnknownKey[] {
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const found: UnknownKey[] = [];
  value.forEach((item, index) => {
    const itemSchema = index < prefix.length ? prefix[index] : schema.items;
    if (isJson(itemSchema) && Object.keys(itemSchema).length > 0) found.push(...walk(itemSchema, item, [...path, index], root, 0));
  });
  return found;
}

/** The variants a value may belong to: those of its JSON type whose constant properties (a discriminator) it matches. */
function candidates(variants: unknown[], value: unknown): unknown[] {
  const typed = variants.filter((v) => isJson(v) && fitsType(v.type, value));
  if (!isJson(value)) return typed.length > 0 ? typed : variants;
  const fitting = typed.filter((v) => {
    const properties = isJson(v) && isJson(v.properties) ? v.properties : {};
    return Object.entries(properties).every(([key, p]) => !isJson(p) || p.const === undefined || value[key] === p.const);
  });
  return fitting.length > 0 ? fitting : typed.length > 0 ? typed : variants;
}

function fitsType(type: unknown, value: unknown): boolean {
  const actual = Array.isArray(value) ? 'array' : isJson(value) ? 'object' : undefined;
  if (type === undefined || actual === undefined) return true;
  return Array.isArray(type) ? type.includes(actual) : type === actual;
}

/** What every alternative finds (a key some alternative accepts is not unknown), with the keys any of them knows. */
function common(results: UnknownKey[][]): UnknownKey[] {
  const [first, ...rest] = results;
  if (first === undefined) return [];
  const id = (u: UnknownKey) => JSON.stringify([u.path, u.key]);
  return first.flatMap((unknown) => {
    const same = rest.map((r) => r.find((other) => id(other) === id(unknown)));
    if (same.some((s) => s === undefined)) return [];
    const known = new Set([unknown.known, ...same.map((s) => (s as UnknownKey).known)].flat());
    return [{ ...unknown, known: [...known] }];
  });
}

function resolveRef(ref: string, root: Json): unknown {
  if (ref === '#') return root;
  const match = /^#\/(\$defs|definitions)\/([^/]+)$/.exec(ref);
  if (!match) return undefined;
  const defs = root[match[1] as string];
  const name = decodeURIComponent((match[2] as string).replace(/~1/g, '/').replace(/~0/g, '~'));
  return isJson(defs) && Object.hasOwn(defs, name) ? defs[name] : undefined;
}
