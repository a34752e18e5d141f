import type { ColumnType } from '@causeway/sdk';

/**
 * The family of values a key column holds when rows are matched by value (join, group, union):
 * numbers (numbers, integers and dates), booleans, or text (strings and categories). Keys of
 * different families never match.
 *
 * @example
 * keyKind('integer') === keyKind('number'); // true
 */
export function keyKind(type: ColumnType): 'numeric' | 'boolean' | 'text' {
  if (type === 'boolean') return 'boolean';
  return type === 'string' || type === 'category' ? 'text' : 'numeric';
}
