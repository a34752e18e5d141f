type Json = Record<string, unknown>;

/** One field of a generated inspector form. */
export type FieldModel =
  | { kind: 'text'; multiline: boolean }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'enum'; options: string[] }
  | { kind: 'boolean'; unset?: 'auto' }
  | { kind: 'column'; multiple: boolean }
  | { kind: 'columnTypes'; types: string[] }
  | { kind: 'choiceOrNumber'; options: string[]; integer: boolean; min?: number; versionsOf?: string }
  | { kind: 'expression' }
  | { kind: 'secret' }
  | { kind: 'file' }
  | { kind: 'object'; fields: PropertyModel[] }
  | { kind: 'array'; item: FieldModel; min?: number; max?: number; columnKey?: string }
  | { kind: 'json'; empty: unknown };

/** A named property of an object form: label, help, whether it is required and its default. */
export interface PropertyModel {
  key: string;
  label: string;
  description: string | undefined;
  required: boolean;
  default: unknown;
  field: FieldModel;
}

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** `minRows` → `Min rows`, `test_size` → `Test size`. */
export function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isSecretRef(schema: Json): boolean {
  return isJson(schema.properties) && Object.hasOwn(schema.properties, '$secret');
}

/** Reads one JSON Schema node (as `z.toJSONSchema` writes it) into a field, honouring `ui` hints from `.meta()`. */
export function fieldOf(schema: Json): FieldModel {
  const ui = schema.ui;
  if (ui === 'expression') return { kind: 'expression' };
  if (ui === 'secret') return { kind: 'secret' };
  if (ui === 'file') return { kind: 'file' };
  if (ui === 'column') return { kind: 'column', multiple: false };
  if (ui === 'columns') return { kind: 'column', multiple: true };
  const variants = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : []).filter(isJson);
  if (variants.some(isSecretRef)) return { kind: 'secret' };
  const nonNull = variants.filter((v) => v.type !== 'null');
  if (nonNull.length === 1 && nonNull[0]) return fieldOf(nonNull[0]);
  if (variants.length > 0 && variants.every((v) => v.const !== undefined))
    return { kind: 'enum', options: variants.map((v) => String(v.const)) };
  const choiceOrNumber = choiceOrNumberOf(nonNull);
  // `ui: 'version', of: 'model'`: the numbers are the versions of the model the sibling field names.
  if (choiceOrNumber)
    return ui === 'version' && typeof schema.of === 'string' ? { ...choiceOrNumber, versionsOf: schema.of } : choiceOrNumber;
  if (Array.isArray(schema.enum)) return { kind: 'enum', options: schema.enum.map(String) };
  if (schema.const !== undefined) return { kind: 'enum', options: [String(schema.const)] };
  switch (schema.type) {
    case 'string':
      return { kind: 'text', multiline: (num(schema.maxLength) ?? 0) > 200 };
    case 'number':
    case 'integer': {
      const min = num(schema.minimum) ?? num(schema.exclusiveMinimum);
      const max = num(schema.maximum) ?? num(schema.exclusiveMaximum);
      return {
        kind: 'number',
        integer: schema.type === 'integer',
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      };
    }
    case 'boolean':
      return { kind: 'boolean' };
    case 'object': {
      if (isJson(schema.properties)) return { kind: 'object', fields: propertiesOf(schema) };
      // A map of column name → type (a CSV's `types`): a type picker per column.
      const value = isJson(schema.additionalProperties) ? fieldOf(schema.additionalProperties) : undefined;
      if (value?.kind === 'enum') return { kind: 'columnTypes', types: value.options };
      return { kind: 'json', empty: {} };
    }
    case 'array': {
      if (!isJson(schema.items)) return { kind: 'json', empty: [] };
      const item = fieldOf(schema.items);
      if (item.kind === 'column') return { kind: 'column', multiple: true };
      // Lists of lists (rows of cells) read best as JSON.
      if (item.kind === 'array' || item.kind === 'json') return { kind: 'json', empty: [] };
      const min = num(schema.minItems);
      const max = num(schema.maxItems);
      const columnKey = item.kind === 'object' ? item.fields.find((f) => f.required && f.field.kind === 'column')?.key : undefined;
      return {
        kind: 'array',
        item,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
        ...(columnKey === undefined ? {} : { columnKey }),
      };
    }
    default:
      return { kind: 'json', empty: null };
  }
}

function propertiesOf(schema: Json): PropertyModel[] {
  const properties = isJson(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  return Object.entries(properties)
    .filter((entry): entry is [string, Json] => isJson(entry[1]))
    .map(([key, property]) => {
      const isRequired = required.has(key) && property.default === undefined;
      const field = fieldOf(property);
      return {
        key,
        label: typeof property.title === 'string' ? property.title : labelOf(key),
        description: typeof property.description === 'string' ? property.description : undefined,
        required: isRequired,
        default: property.default,
        // A yes/no the node decides when it is left out (a CSV's header) has three states, not two.
        field: field.kind === 'boolean' && !isRequired && property.default === undefined ? { kind: 'boolean', unset: 'auto' } : field,
      };
    });
}

// `'production' | 'staging' | 'latest' | integer ≥ 1` (a model version): named choices or a number.
function choiceOrNumberOf(variants: Json[]): Extract<FieldModel, { kind: 'choiceOrNumber' }> | undefined {
  if (variants.length !== 2) return undefined;
  const choices = variants.map(fieldOf);
  const named = choices.find((c) => c.kind === 'enum');
  const number = choices.find((c) => c.kind === 'number');
  if (named?.kind !== 'enum' || number?.kind !== 'number') return undefined;
  return {
    kind: 'choiceOrNumber',
    options: named.options,
    integer: number.integer,
    ...(number.min === undefined ? {} : { min: number.min }),
  };
}

const cache = new WeakMap<Json, PropertyModel[]>();

/**
 * The form for a node's config from its JSON Schema (a node descriptor's `config`): one property per
 * top-level key. Cached per schema object.
 */
export function formOf(config: Json): PropertyModel[] {
  const known = cache.get(config);
  if (known) return known;
  // A config JSON Schema cannot describe (its descriptor has `{}`) still gets a raw JSON editor for the whole config.
  const form: PropertyModel[] =
    config.type === 'object' && isJson(config.properties)
      ? propertiesOf(config)
      : [{ key: '', label: 'Config', description: undefined, required: true, default: undefined, field: { kind: 'json', empty: null } }];
  cache.set(config, form);
  return form;
}

/** A starting value for a new item of an array field. */
export function emptyValueOf(field: FieldModel): unknown {
  switch (field.kind) {
    case 'number':
      return field.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return field.options[0] ?? '';
    case 'object':
      return Object.fromEntries(
        field.fields.filter((f) => f.required || f.default !== undefined).map((f) => [f.key, f.default ?? emptyValueOf(f.field)]),
      );
    case 'array':
      return [];
    case 'json':
      return field.empty;
    case 'column':
      return field.multiple ? [] : '';
    case 'columnTypes':
      return {};
    case 'choiceOrNumber':
      return field.options[0] ?? field.min ?? 0;
    default:
      return '';
  }
}
