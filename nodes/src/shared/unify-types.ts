import type { ColumnType } from '@causeway/sdk';

/**
 * Design time: the type of a column stacked from columns of these types, by the rules of the SDK's
 * `unifyColumns` (union, unpivot): one type stays; integers with numbers give number; strings with
 * categories give string. `undefined` when the types cannot be combined (say numbers with text).
 *
 * @example
 * unifyTypes(['integer', 'number']); // 'number'
 * unifyTypes(['integer', 'string']); // undefined
 */
export function unifyTypes(types: readonly ColumnType[]): ColumnType | undefined {
  const kinds = new Set(types);
  const only = (...allowed: ColumnType[]) => [...kinds].every((k) => allowed.includes(k));
  const [first] = kinds;
  if (first === undefined) return 'string';
  if (kinds.size === 1) return first;
  if (only('number', 'integer')) return 'number';
  if (only('string', 'category')) return 'string';
  return undefined;
}
