import { z } from 'zod';
import { UserError } from '../errors/errors';
import type { AnyNodeDefinition, PortMap, RunArgs } from '../node/define-node';
import { type PortKind, type PortOptions, type PortSpec, port } from '../ports/port';
import { unknownKeyMessage } from '../validate/check-config';
import { configErrorMap } from '../validate/config-error-map';
import { unknownKeys } from '../validate/unknown-keys';
import type { NodeDescriptor, NodePortDescriptor } from './describe-node';

/**
 * A `run` for a node built from a descriptor; receives what any node's `run` receives.
 *
 * @example
 * const run: DescriptorRun = ({ inputs, config }) => sandbox.call(descriptor.type, inputs, config);
 */
export type DescriptorRun = (args: RunArgs<PortMap, Record<string, unknown>>) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** The descriptor's config JSON Schema read back by zod, or undefined where zod cannot read it. */
function schemaOf(json: NodeDescriptor['config']): z.ZodType | undefined {
  try {
    return z.fromJSONSchema(json);
  } catch {
    return undefined;
  }
}

// Checked against the manifest's JSON Schema (types, enums, bounds, required keys, unknown keys), so a
// bad config is refused when the graph is saved or validated; what JSON Schema cannot say (refinements)
// is checked again where the plugin's code runs. The config passes through unchanged: defaults apply there.
function configOf(descriptor: NodeDescriptor): z.ZodType {
  const schema = schemaOf(descriptor.config);
  return z.record(z.string(), z.unknown()).superRefine((config, ctx) => {
    const unknown = unknownKeys(descriptor.config, config);
    for (const key of unknown) ctx.addIssue({ code: 'custom', path: [...key.path, key.key], message: unknownKeyMessage(key) });
    if (unknown.length > 0 || schema === undefined) return;
    const parsed = schema.safeParse(config, { error: configErrorMap });
    if (parsed.success) return;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
}

/**
 * Builds a node definition from a descriptor, without the plugin's code: same type, version,
 * ports and declared properties, a config schema that checks a config against the descriptor's
 * config JSON Schema (unknown keys named with a suggestion, see `unknownKeys`), and a `run` that is
 * the one given or fails with `PLUGIN_MISSING`. A descriptor that `migrates` accepts older versions;
 * their configs must be migrated where the plugin's code runs first (its `migrate` here refuses). Hosts use it to validate and draw graphs that use
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
    ...(descriptor.migrates === true ? { migrate: migrateElsewhere(descriptor) } : {}),
    run: run ?? missing,
  });
}

// The plugin's code migrates configs, where it runs: a host migrates a graph's old nodes before it validates or runs it.
function migrateElsewhere(descriptor: NodeDescriptor): (config: unknown, fromVersion: number) => unknown {
  return (_config, fromVersion) => {
    throw new UserError(
      'PLUGIN_MISSING',
      `a version ${fromVersion} config of "${descriptor.type}" is migrated by the plugin's code, which is not available here`,
    );
  };
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
