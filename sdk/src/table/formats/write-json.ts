import { type DataType, type Table, Type, type Vector } from 'apache-arrow';

// Each cell as JSON text; a column's formatter is chosen once, not per row.
function formatterOf(type: DataType): (value: unknown) => string {
  switch (type.typeId) {
    case Type.Int:
      return (v) => String(Number(v));
    case Type.Float:
    case Type.Decimal:
      return (v) => (Number.isFinite(Number(v)) ? String(Number(v)) : 'null');
    case Type.Bool:
      return (v) => (v ? 'true' : 'false');
    case Type.Date:
    case Type.Timestamp:
      return (v) => `"${new Date(Number(v)).toISOString()}"`;
    default:
      return (v) => JSON.stringify(typeof v === 'bigint' ? Number(v) : v) ?? 'null';
  }
}

/** Rows [from, to) of a column as JSON texts, each prefixed with its key. */
function cells(vector: Vector, key: string, format: (value: unknown) => string, from: number, to: number): string[] {
  const out = new Array<string>(to - from);
  for (let r = from; r < to; r++) {
    const v: unknown = vector.get(r);
    out[r - from] = v === null || v === undefined ? `${key}null` : key + format(v);
  }
  return out;
}

/**
 * Writes a table as JSON records: NDJSON (one object per line, default) or one array. Dates are
 * written as ISO texts, 64-bit integers as numbers, NaN and infinities as null. Built column by
 * column, a chunk of rows at a time.
 *
 * @example
 * new TextDecoder().decode(writeJson(table)) // '{"age":31}\n{"age":40}\n'
 */
export function writeJson(table: Table, format: 'ndjson' | 'array' = 'ndjson'): Uint8Array {
  const fields = table.schema.fields;
  const columns = fields.map((_, i) => table.getChildAt(i) as Vector);
  const keys = fields.map((f, c) => `${c === 0 ? '{' : ','}${JSON.stringify(f.name)}:`);
  const formats = fields.map((f) => formatterOf(f.type));
  const chunk = 10_000;
  const lines: string[] = [];
  for (let from = 0; from < table.numRows; from += chunk) {
    const to = Math.min(table.numRows, from + chunk);
    const parts = columns.map((column, c) => cells(column, keys[c] as string, formats[c] as (v: unknown) => string, from, to));
    for (let r = 0; r < to - from; r++) {
      let line = fields.length === 0 ? '{' : '';
      for (const part of parts) line += part[r] as string;
      lines.push(`${line}}`);
    }
  }
  const text = format === 'array' ? `[${lines.join(',\n')}]\n` : lines.map((l) => `${l}\n`).join('');
  return new TextEncoder().encode(text);
}
