import { type AnyNodeDefinition, isArrowTable, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** What a plugin node's tables may hold in all, in bytes, before the browser fails it (1 GiB). */
export const pluginOutputBudgetBytes = 1024 ** 3;

/** The bytes of the buffers behind the table values among a node's outputs. */
export function outputTableBytes(outputs: unknown): number {
  if (typeof outputs !== 'object' || outputs === null) return 0;
  let bytes = 0;
  for (const value of Object.values(outputs)) {
    if (isArrowTable(value)) for (const batch of (value as Table).batches) bytes += batch.data.byteLength;
  }
  return bytes;
}

const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

/**
 * The definition with its outputs weighed: a plugin node whose tables together pass `budgetBytes` fails
 * with PLUGIN_LIMIT, before its result is kept in the runner's memory (and before later nodes copy it).
 * The runner's frame catches what is not measured here (a node that exhausts memory while it runs).
 */
export function withOutputBudget(definition: AnyNodeDefinition, budgetBytes = pluginOutputBudgetBytes): AnyNodeDefinition {
  const run: AnyNodeDefinition['run'] = async (args) => {
    const outputs = await definition.run(args);
    const bytes = outputTableBytes(outputs);
    if (bytes > budgetBytes)
      throw new UserError(
        'PLUGIN_LIMIT',
        `Node "${args.ctx.nodeId}" (${definition.type}) returned ${mb(bytes)} of tables, more than the ${mb(budgetBytes)} a plugin node may return in the browser.`,
      );
    return outputs;
  };
  return Object.freeze({ ...definition, run });
}
