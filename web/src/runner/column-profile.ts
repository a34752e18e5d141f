import { columnTypeOf } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import type { ColumnProfile } from './runner-protocol';

const bins = 20;
const maxDistinct = 100_000;

/** Profiles every column of a table in one pass per column (runs in the worker). */
export function profileTable(table: Table): ColumnProfile[] {
  return table.schema.fields.map((field, index) => {
    const vector = table.getChildAt(index);
    const type = columnTypeOf(field.type);
    const rows = table.numRows;
    let nulls = 0;
    const seen = new Map<string, number>();
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const numeric = type === 'number' || type === 'integer' || type === 'date';
    const numbers = numeric ? new Float64Array(rows) : undefined;
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const value: unknown = vector?.get(r);
      if (value === null || value === undefined) {
        nulls++;
        continue;
      }
      const key = typeof value === 'bigint' ? value.toString() : String(value instanceof Date ? value.getTime() : value);
      if (seen.size < maxDistinct || seen.has(key)) seen.set(key, (seen.get(key) ?? 0) + 1);
      if (numbers) {
        const x = Number(value instanceof Date ? value.getTime() : value);
        if (Number.isFinite(x)) {
          numbers[n++] = x;
          if (x < min) min = x;
          if (x > max) max = x;
        }
      }
    }
    const profile: ColumnProfile = { name: field.name, type, rows, nulls, distinct: seen.size };
    if (numbers && n > 0) {
      const counts = new Array<number>(bins).fill(0);
      const width = (max - min) / bins || 1;
      for (let i = 0; i < n; i++) {
        const bin = Math.min(bins - 1, Math.floor(((numbers[i] as number) - min) / width));
        counts[bin] = (counts[bin] ?? 0) + 1;
      }
      profile.histogram = { min, max, counts };
    } else if (!numbers) {
      profile.top = [...seen.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([value, count]) => ({ value, count }));
    }
    return profile;
  });
}
