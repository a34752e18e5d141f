import { defineNode, evaluatePredicate, expression, filterTable, port } from '@causeway/sdk';
import { z } from 'zod';
import { checkExpression } from '../shared/check-expression';
import { compileForTable } from '../shared/compile-for-table';

const config = z.object({
  where: expression({ returns: 'boolean', placeholder: 'age > 30 and country == "NL"' }).describe(
    'Keep the rows where this is true (false and null rows are dropped), e.g. age > 30 and country == "NL".',
  ),
});

/** Keep the rows where an expression is true. */
export const filterRows = defineNode({
  type: 'transform.filter',
  version: 1,
  category: 'transform',
  title: 'Filter rows',
  description: 'Keep the rows where an expression is true; rows where it is false or null are dropped.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config,
  infer: ({ inputs, config, issue }) => {
    checkExpression(config.where, inputs.table, ['where'], issue, 'boolean');
    if (!inputs.table) return {};
    return { table: inputs.table };
  },
  run: ({ inputs, config, ctx }) => {
    const where = compileForTable(config.where, inputs.table, ['where'], 'boolean');
    const mask = evaluatePredicate(where, inputs.table, { maxTextChars: ctx.limits.expressionTextChars });
    ctx.progress(0.5);
    ctx.signal.throwIfAborted();
    return { table: filterTable(inputs.table, mask) };
  },
});
