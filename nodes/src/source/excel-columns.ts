/** Column names from a header row's cells: blanks become `columnN`, repeats get `_2`, `_3`… (as the CSV reader). */
export function columnNames(cells: readonly unknown[], header: boolean): string[] {
  const seen = new Set<string>();
  return cells.map((cell, i) => {
    const text = cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim();
    const base = header && text !== '' ? text : `column${i + 1}`;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}
