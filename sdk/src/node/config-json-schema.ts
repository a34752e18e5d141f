import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const cache = new WeakMap<z.ZodType, JsonSchema>();

/**
 * The JSON Schema of a node's config: its input shape (defaulted fields optional), every object
 * closed (`additionalProperties: false`) unless zod says it takes more keys, as configs refuse
 * unknown keys. `{}` when zod cannot express the schema. Computed once per schema; do not mutate it.
 *
 * @example
 * configJsonSchema(z.object({ test: z.number() })).additionalProperties // false
 */
export function configJsonSchema(schema: z.ZodType): JsonSchema {
  let json = cache.get(schema);
  if (json === undefined) {
    json = toConfigJsonSchema(schema);
    cache.set(schema, json);
  }
  return json;
}

/**
 * {@link configJsonSchema} computed afresh, for callers that hand the document on.
 *
 * @example
 * const descriptorConfig = toConfigJsonSchema(definition.config);
 */
export function toConfigJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, {
      unrepresentable: 'any',
      io: 'input',
      override: ({ zodSchema, jsonSchema }) => {
        // In input mode zod leaves a stripping object open; a config's objects refuse unknown keys.
        if (zodSchema._zod.def.type === 'object' && jsonSchema.additionalProperties === undefined) jsonSchema.additionalProperties = false;
      },
    }) as JsonSchema;
  } catch {
    // A schema with transforms JSON Schema cannot express: the inspector falls back to raw JSON.
    return {};
  }
}
