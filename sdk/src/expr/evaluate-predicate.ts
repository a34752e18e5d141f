import type { Table } from 'apache-arrow';
import { UserError } from '../errors';
import type { CompiledExpression } from './compiled-expression';
import { evaluateBlocks } from './evaluate-blocks';
import { truthMask } from './kernel-logic';
import { withTextLimit } from './text-budget';

/**
 * Evaluates a boolean expression as a filter: 1 where it is true, 0 where it is false or null.
 * The hot path of the filter node.
 *
 * @example
 * const r = compileExpression('age > 30 and country == "NL"', tableSchemaOf(table));
 * if (r.ok) evaluatePredicate(r.value, table) // Uint8Array of 0/1, one per row
 */
export function evaluatePredicate(compiled: CompiledExpression, table: Table, options: { maxTextChars?: number } = {}): Uint8Array {
  if (compiled.type !== 'boolean' && compiled.ast.type !== 'null') {
    throw new UserError(
      'EXPRESSION_INVALID',
      `A filter needs a true/false expression, but "${compiled.text.slice(0, 80)}" gives ${compiled.type}.`,
    );
  }
  const n = table.numRows;
  const mask = new Uint8Array(n);
  withTextLimit(options.maxTextChars, () =>
    evaluateBlocks(
      compiled,
      table,
      (col, start, m) => {
        const block = truthMask(col, m);
        // Already in place when the root wrote into the mask.
        if (block.buffer !== mask.buffer || block.byteOffset !== start) mask.set(block, start);
      },
      (start, m) => ({ u8: mask.subarray(start, start + m) }),
    ),
  );
  return mask;
}
