import type { AnyNodeDefinition, PortMap } from '@causeway/sdk';
import { z } from 'zod';

/** One port as `causeway nodes --json` lists it. */
export interface PortListing {
  kind: string;
  optional: boolean;
  multiple: boolean;
  description?: string;
}

/** One node type as `causeway nodes --json` lists it. */
export interface NodeListing {
  type: string;
  version: number;
  category: string;
  title: string;
  description: string;
  runtime: 'any' | 'server';
  cache: 'pure' | 'volatile';
  effects: boolean;
  inputs: Record<string, PortListing>;
  outputs: Record<string, PortListing>;
  config: Record<string, unknown>;
}

function ports(map: PortMap): Record<string, PortListing> {
  return Object.fromEntries(
    Object.entries(map).map(([id, spec]) => [
      id,
      {
        kind: spec.kind,
        optional: spec.optional,
        multiple: spec.multiple,
        ...(spec.description === undefined ? {} : { description: spec.description }),
      },
    ]),
  );
}

/** A node definition as plain JSON: ports and the JSON Schema of the config as a user writes it. */
export function describeNode(definition: AnyNodeDefinition): NodeListing {
  return {
    type: definition.type,
    version: definition.version,
    category: definition.category,
    title: definition.title,
    description: definition.description,
    runtime: definition.runtime ?? 'any',
    cache: definition.cache ?? 'pure',
    effects: definition.effects ?? false,
    inputs: ports(definition.inputs),
    outputs: ports(definition.outputs),
    config: z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  };
}
