import { didYouMean } from './did-you-mean';

/**
 * The message for a column a config names but the table lacks, with a suggestion when one is close.
 *
 * @example
 * unknownColumn('agee', ['age', 'name']); // 'Unknown column "agee"; did you mean "age"?'
 */
export function unknownColumn(name: string, available: readonly string[]): string {
  const suggestion = didYouMean(name, available);
  if (suggestion !== undefined) return `Unknown column "${name}"; did you mean "${suggestion}"?`;
  const list = available.length === 0 ? 'the table has no columns' : `columns are ${available.map((c) => `"${c}"`).join(', ')}`;
  return `Unknown column "${name}" (${list.length > 200 ? `${list.slice(0, 199)}…` : list}).`;
}
