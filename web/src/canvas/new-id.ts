/** A fresh id for a node or note: the base (e.g. `filter`) or `filter_2`, `filter_3`… — never one in `taken`. */
export function newId(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .replace(/[^A-Za-z0-9_-]/g, '_')
      .replace(/^[^A-Za-z_]+/, '')
      .slice(0, 50) || 'node';
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The id base for a node type: its last segment, `transform.filter` → `filter`. */
export function idBaseOf(type: string): string {
  const last = type.split(/[./]/).pop() ?? 'node';
  return last.replace(/-/g, '_');
}
