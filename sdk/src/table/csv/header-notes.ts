const listedRenames = 10;

/**
 * What the reader decided about the first row, in words for a run log: whether it was detected as
 * the header, and which names were made up for empty ones or changed for repeats.
 *
 * @example
 * headerNotes(['a', 'a', ''], ['a', 'a_2', 'column3'], true, true);
 * // ['The first row was detected as the header.', 'Column names changed: "a" (column 2) is repeated, read as "a_2"; …']
 */
export function headerNotes(fields: readonly string[], names: readonly string[], header: boolean, detected: boolean): string[] {
  const notes: string[] = [];
  if (detected)
    notes.push(
      header
        ? 'The first row was detected as the header.'
        : `No header was detected: the first row is data, and the columns are named column1 to column${names.length}.`,
    );
  if (!header) return notes;
  const renamed: string[] = [];
  names.forEach((name, i) => {
    const field = fields[i] ?? '';
    if (name === field) return;
    renamed.push(
      field.trim() === ''
        ? `column ${i + 1} has no name, read as "${name}"`
        : `"${field}" (column ${i + 1}) is repeated, read as "${name}"`,
    );
  });
  if (renamed.length > 0) {
    const more = renamed.length > listedRenames ? `; and ${renamed.length - listedRenames} more` : '';
    notes.push(`Column names changed: ${renamed.slice(0, listedRenames).join('; ')}${more}.`);
  }
  return notes;
}
