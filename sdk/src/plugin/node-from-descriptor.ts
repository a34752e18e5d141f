import { z } from 'zod';
import { UserError } from '../errors/errors';
import type { AnyNodeDefinition, PortMap, RunArgs } from '../node/define-node';
import { type PortKind, type PortOptions, type PortSpec, port } from '../ports/port';
import { unknownKeyMessage } from '../validate/check-config';
import { unknownKeys } from '../validate/unknown-keys';
import type { NodeDescriptor, NodePortDescriptor } from './describe-node';

/**
 * A `run` for a node built from a descriptor; receives what any node's `run` receives.
 *
 * @example
 * const run: DescriptorRun = ({ inputs, config }) => sandbox.call(descriptor.type, inputs, config);
 */
export type DescriptorRun = (args: RunArgs<PortMap, Record<string, unknown>>) => Promise<Record<string, unknown>> | Record<string, unknown>;

// Values are checked where the plugin's code runs; here any JSON object whose keys the descriptor's schema lists.
function configOf(descriptor: NodeDescriptor): z.ZodType {
  return z.record(z.string(), z.unknown()).superRefine((config, ctx) => {
    for (const unknown of unknownKeys(descriptor.config, config))
      ctx.addIssue({ code: 'custom', path: [...unknown.path, unknown.key], message: unknownKeyMessage(unknown) });
  });
}

/**
 * Builds a node definition from a descriptor, without the plugin's code: same type, version,
 * ports and declared properties, a config schema that accepts any JSON object with no key the
 * descriptor's config schema leaves out (see `unknownKeys`), and a `run` that is
 * the one given or fails with `PLUGIN_MISSING`. Hosts use it to validate and draw graphs that use
 * plugin nodes, and to stand in for a plugin whose code runs elsewhere (a sandbox, a worker).
 *
 * @example
 * const placeholder = nodeFromDescriptor(manifest.nodes[0]);
 * registry.add(placeholder); // graphs using it validate; running it fails with PLUGIN_MISSING
 */
export function nodeFromDescriptor(descriptor: NodeDescriptor, run?: DescriptorRun): AnyNodeDefinition {
  const missing: DescriptorRun = () => {
    throw new UserError(
      'PLUGIN_MISSING',
      `Node type "${descriptor.type}" version ${descriptor.version} comes from a plugin whose code is not available here.`,
      { details: { type: descriptor.type, version: descriptor.version } },
    );
  };
  return Object.freeze({
    type: descriptor.type,
    version: descriptor.version,
    category: descriptor.category,
    title: descriptor.title,
    description: descriptor.description,
    inputs: portsOf(descriptor.inputs),
    outputs: portsOf(descriptor.outputs),
    config: configOf(descriptor),
    effects: descriptor.effects,
    ...(descriptor.runtime === undefined ? {} : { runtime: descriptor.runtime }),
    ...(descriptor.cache === undefined ? {} : { cache: descriptor.cache }),
    ...(descriptor.timeoutMs === undefined ? {} : { timeoutMs: descriptor.timeoutMs }),
    run: run ?? missing,
  });
}

const otherPorts: Record<Exclude<PortKind, 'value'>, (options: PortOptions) => PortSpec> = port;

function portsOf(map: Record<string, NodePortDescriptor>): PortMap {
  const out: Record<string, PortSpec> = {};
  for (const [id, d] of Object.entries(map)) {
    const options = { optional: d.optional, multiple: d.multiple, ...(d.description === undefined ? {} : { description: d.description }) };
    out[id] = d.kind === 'value' ? port.value(valueSchema(d.schema), options) : otherPorts[d.kind](options);
  }
  return out;
}

function valueSchema(schema: NodePortDescriptor['schema']): z.ZodType {
  if (schema === undefined) return z.unknown();
  try {
    return z.fromJSONSchema(schema);
  } catch {
    // A schema zod cannot read back still describes the port; the value is checked where the code runs.
    return z.unknown();
  }
}
