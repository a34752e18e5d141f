import type { Table } from 'apache-arrow';

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}

/**
 * Writes a table as JSON records: NDJSON (one object per line, default) or one array. Dates are
 * written as ISO texts, 64-bit integers as numbers.
 *
 * @example
 * new TextDecoder().decode(writeJson(table)) // '{"age":31}\n{"age":40}\n'
 */
export function writeJson(table: Table, format: 'ndjson' | 'array' = 'ndjson'): Uint8Array {
  const names = table.schema.fields.map((f) => f.name);
  const columns = names.map((_, i) => table.getChildAt(i));
  const isDate = table.schema.fields.map((f) => String(f.type).startsWith('Date') || String(f.type).startsWith('Timestamp'));
  const lines: string[] = [];
  for (let r = 0; r < table.numRows; r++) {
    const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (let c = 0; c < names.length; c++) {
      const v: unknown = columns[c]?.get(r);
      record[names[c] as string] = isDate[c] && v !== null && v !== undefined ? new Date(Number(v)).toISOString() : plain(v);
    }
    lines.push(JSON.stringify(record));
  }
  const text = format === 'array' ? `[${lines.join(',\n')}]\n` : lines.map((l) => `${l}\n`).join('');
  return new TextEncoder().encode(text);
}
