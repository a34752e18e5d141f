/** A path below a node's config, e.g. `['keys', 0, 'column']`. */
export type ConfigPath = readonly (string | number)[];

/** A column a config names, and the config field that names it (for issues on that field). */
export interface ColumnRef {
  name: string;
  field: ConfigPath;
}

/**
 * The references of a list of column names held in one config array field.
 *
 * @example
 * columnRefs(['a', 'b'], ['columns']); // [{ name: 'a', field: ['columns', 0] }, { name: 'b', field: ['columns', 1] }]
 */
export function columnRefs(names: readonly string[], field: ConfigPath): ColumnRef[] {
  return names.map((name, index) => ({ name, field: [...field, index] }));
}
