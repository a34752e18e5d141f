import { z } from 'zod';
import { toConfigJsonSchema } from '../node/config-json-schema';
import type { AnyNodeDefinition, NodeCategory } from '../node/define-node';
import type { PortKind, PortSpec } from '../ports/port';

/**
 * A JSON Schema document, as `z.toJSONSchema` writes it.
 *
 * @example
 * const schema: JsonSchema = { type: 'object', properties: { column: { type: 'string' } }, required: ['column'] };
 */
export type JsonSchema = Record<string, unknown>;

/**
 * One port of a {@link NodeDescriptor}: what the palette, the inspector and a host that does not run
 * the node's code need to know about it. `schema` is the JSON Schema of a `value` port's value.
 *
 * @example
 * const threshold: NodePortDescriptor = { kind: 'value', optional: false, multiple: false, schema: { type: 'number' } };
 */
export interface NodePortDescriptor {
  kind: PortKind;
  optional: boolean;
  multiple: boolean;
  description?: string | undefined;
  schema?: JsonSchema | undefined;
}

/**
 * A node type as plain JSON: everything about it but its code. The editor's palette and
 * inspector read it; plugin manifests list one per node type.
 *
 * @example
 * const descriptor: NodeDescriptor = describeNode(filterRows);
 * descriptor.config.properties // { where: { type: 'string' } }
 */
export interface NodeDescriptor {
  type: string;
  version: number;
  category: NodeCategory;
  title: string;
  description: string;
  inputs: Record<string, NodePortDescriptor>;
  outputs: Record<string, NodePortDescriptor>;
  /** The JSON Schema of the config (its input shape, before defaults apply; objects closed); `{}` when zod cannot express it. */
  config: JsonSchema;
  effects: boolean;
  runtime?: 'any' | 'server' | undefined;
  cache?: 'pure' | 'volatile' | undefined;
  timeoutMs?: number | undefined;
  /**
   * True when the node has a `migrate`: a graph node of any older version of this type is accepted,
   * its config migrated by the plugin's code (in the host's sandbox) before it is checked or run.
   */
  migrates?: true | undefined;
  /** Hints for the editor, free-form JSON. */
  ui?: Record<string, unknown> | undefined;
}

/**
 * Describes a node definition as JSON: ports with their kinds and flags, the config's zod schema as
 * JSON Schema (input shape, so defaulted fields are optional), and its declared properties.
 *
 * @example
 * describeNode(filterRows).inputs.table // { kind: 'table', optional: false, multiple: false }
 */
export function describeNode(definition: AnyNodeDefinition): NodeDescriptor {
  return {
    type: definition.type,
    version: definition.version,
    category: definition.category,
    title: definition.title,
    description: definition.description,
    inputs: describePorts(definition.inputs),
    outputs: describePorts(definition.outputs),
    config: toConfigJsonSchema(definition.config),
    effects: definition.effects === true,
    ...(definition.runtime === undefined ? {} : { runtime: definition.runtime }),
    ...(definition.cache === undefined ? {} : { cache: definition.cache }),
    ...(definition.timeoutMs === undefined ? {} : { timeoutMs: definition.timeoutMs }),
    ...(definition.migrate === undefined ? {} : { migrates: true as const }),
  };
}

function describePorts(map: Record<string, PortSpec>): Record<string, NodePortDescriptor> {
  const out: Record<string, NodePortDescriptor> = {};
  for (const [id, spec] of Object.entries(map)) {
    out[id] = {
      kind: spec.kind,
      optional: spec.optional,
      multiple: spec.multiple,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      ...(spec.schema === undefined ? {} : { schema: jsonSchemaOf(spec.schema) }),
    };
  }
  return out;
}

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    // A schema with transforms JSON Schema cannot express: the inspector falls back to raw JSON.
    return {};
  }
}
