import type { ColumnSchema } from '@causeway/sdk';

/** The columns a checklist shows for a search: names (or types) containing the text, any case. */
export function matchColumns(columns: readonly ColumnSchema[], query: string): ColumnSchema[] {
  const text = query.trim().toLowerCase();
  if (text === '') return [...columns];
  return columns.filter((c) => c.name.toLowerCase().includes(text) || c.type === text);
}

/** Ticks or unticks names: a ticked name goes last, the others keep their place (order can matter, e.g. select). */
export function tickColumns(chosen: readonly string[], names: readonly string[], on: boolean): string[] {
  if (!on) {
    const drop = new Set(names);
    return chosen.filter((n) => !drop.has(n));
  }
  const have = new Set(chosen);
  return [...chosen, ...names.filter((n) => !have.has(n))];
}

/** Chosen names the input does not have (yet, or any more): shown so they can be unticked, never dropped silently. */
export function missingColumns(chosen: readonly string[], columns: readonly ColumnSchema[]): string[] {
  const known = new Set(columns.map((c) => c.name));
  return chosen.filter((n) => !known.has(n));
}
