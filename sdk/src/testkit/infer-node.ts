import type { z } from 'zod';
import type { Issue } from '../errors/issue';
import type { DesignFiles, InputDescriptors, NodeDefinition, OutputDescriptors, PortMap } from '../node/define-node';
import { parseConfig } from './parse-config';

/**
 * Options of {@link inferNode}: input descriptors by port id (missing ones are unknown) and a config,
 * in the current shape or, with `fromVersion`, as an older version wrote it.
 *
 * @example
 * inferNode(filterRows, { inputs: { table: { columns: [{ name: 'age', type: 'integer', nullable: false }] } }, config: { where: 'age > 30' } })
 */
export type InferNodeOptions<I extends PortMap, S extends z.ZodType> = { inputs?: Partial<InputDescriptors<I>>; files?: DesignFiles } & (
  | { config: z.input<S>; fromVersion?: undefined }
  | { config: unknown; fromVersion: number }
);

/**
 * What {@link inferNode} returns: the output descriptors and the design-time issues.
 *
 * @example
 * const { outputs, issues } = inferNode(filterRows, { config: { where: 'age > 30' } });
 */
export interface InferNodeResult<O extends PortMap> {
  outputs: OutputDescriptors<O>;
  issues: Issue[];
}

/**
 * Runs a node's design-time `infer` the way the editor does. An invalid config gives
 * `CONFIG_INVALID` issues (and no outputs); issues `infer` records get the code it gives (else
 * `SCHEMA_INVALID`) with a path under `['config', …]`.
 *
 * @example
 * const { outputs, issues } = inferNode(selectColumns, {
 *   inputs: { table: { columns: [{ name: 'age', type: 'integer', nullable: true }] } },
 *   config: { columns: [{ name: 'agee' }] },
 * });
 * issues[0]?.message; // 'Unknown column "agee"; did you mean "age"?'
 */
export function inferNode<I extends PortMap, O extends PortMap, S extends z.ZodType>(
  definition: NodeDefinition<I, O, S>,
  options: InferNodeOptions<I, S>,
): InferNodeResult<O> {
  const parsed = parseConfig(definition, options.config, options.fromVersion);
  if (!parsed.ok) return { outputs: {}, issues: parsed.issues };
  if (!definition.infer) return { outputs: {}, issues: [] };
  const issues: Issue[] = [];
  const inputs = { ...options.inputs } as InputDescriptors<I>;
  const outputs = definition.infer({
    inputs,
    config: parsed.value,
    issue: (message, field, code = 'SCHEMA_INVALID') => issues.push({ code, path: ['config', ...(field ?? [])], message }),
    files: options.files,
  });
  return { outputs, issues };
}
