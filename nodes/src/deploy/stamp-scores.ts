import { UserError } from '@causeway/sdk';
import { Table as ArrowTable, DateMillisecond, Int32, type Table, vectorFromArray } from 'apache-arrow';

/** The columns every batch-scored row carries: which model version scored it, and when. */
export const versionColumn = '_model_version';
export const scoredAtColumn = '_scored_at';

/**
 * The scored table with `_model_version` (integer) and `_scored_at` (date) on every row, so what the
 * business reads says which version produced each score and when.
 *
 * @example
 * stampScores(scored, 3, new Date()).getChild('_model_version')?.get(0) // 3
 */
export function stampScores(scored: Table, version: number, at: Date): Table {
  const clash = [versionColumn, scoredAtColumn].filter((name) => scored.schema.fields.some((f) => f.name === name));
  if (clash.length > 0) {
    throw new UserError(
      'INPUT_INVALID',
      `The table already has ${clash.map((c) => `"${c}"`).join(' and ')}; batch scoring adds them: rename yours.`,
    );
  }
  const n = scored.numRows;
  const stamps = new ArrowTable({
    [versionColumn]: vectorFromArray(new Array<number>(n).fill(version), new Int32()),
    [scoredAtColumn]: vectorFromArray(new Array<number>(n).fill(at.getTime()), new DateMillisecond()),
  });
  return scored.assign(stamps);
}
