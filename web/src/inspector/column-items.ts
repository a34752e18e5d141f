const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The column each item of a list names under `key` (select's `[{ name, as }]` → names). */
export function columnsOfItems(items: readonly unknown[], key: string): string[] {
  return items.map((item) => asRecord(item)[key]).filter((name): name is string => typeof name === 'string' && name !== '');
}

/**
 * The list after a checklist change: items whose column stays keep their place and their other settings
 * (a rename), new columns come last as `{ [key]: name }`, unticked ones go.
 */
export function itemsForColumns(items: readonly unknown[], key: string, names: readonly string[]): unknown[] {
  const wanted = new Set(names);
  const kept = items.filter((item) => {
    const name = asRecord(item)[key];
    return typeof name !== 'string' || name === '' || wanted.has(name);
  });
  const have = new Set(columnsOfItems(kept, key));
  return [...kept, ...names.filter((n) => !have.has(n)).map((n) => ({ [key]: n }))];
}
