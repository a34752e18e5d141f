import type { NodeRegistry, PortSpec } from '@causeway/sdk';
import { z } from 'zod';

/** One node type as the editor's palette and inspector need it. */
export interface CatalogEntry {
  type: string;
  version: number;
  category: string;
  title: string;
  description: string;
  inputs: Record<string, PortJson>;
  outputs: Record<string, PortJson>;
  config: Record<string, unknown>;
}

interface PortJson {
  kind: string;
  optional: boolean;
  multiple: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}

/** Describes every registered node type; config schemas become JSON Schema via `z.toJSONSchema`. */
export function nodeCatalog(registry: NodeRegistry): CatalogEntry[] {
  return registry.list().map((d) => ({
    type: d.type,
    version: d.version,
    category: d.category,
    title: d.title,
    description: d.description,
    inputs: ports(d.inputs),
    outputs: ports(d.outputs),
    config: jsonSchema(d.config),
  }));
}

function ports(map: Record<string, PortSpec>): Record<string, PortJson> {
  const out: Record<string, PortJson> = {};
  for (const [id, spec] of Object.entries(map)) {
    out[id] = {
      kind: spec.kind,
      optional: spec.optional,
      multiple: spec.multiple,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      ...(spec.schema === undefined ? {} : { schema: jsonSchema(spec.schema) }),
    };
  }
  return out;
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  } catch {
    // A schema with transforms JSON Schema cannot express: the inspector falls back to raw JSON.
    return {};
  }
}
