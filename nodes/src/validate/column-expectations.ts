import { type ColumnArrays, type ColumnType, categoryText, columnTypeOf, type ReportCheck, readColumn } from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import { z } from 'zod';

/** What one column is expected to satisfy; every field is optional. */
export const columnExpectationSchema = z.object({
  name: z.string().min(1).meta({ ui: 'column' }),
  type: z.enum(['number', 'integer', 'string', 'category', 'boolean', 'date']).optional(),
  min: z.number().optional().describe('Smallest allowed value (numbers; dates in epoch ms).'),
  max: z.number().optional().describe('Largest allowed value.'),
  allowed: z
    .array(z.union([z.string(), z.number(), z.boolean()]))
    .max(10_000)
    .optional()
    .describe('The only values allowed.'),
  maxNullRate: z.number().min(0).max(1).optional().describe('Largest share of null rows, 0 to 1.'),
  unique: z.boolean().optional().describe('No value appears twice (nulls are not counted).'),
});

/** Expectations on one column. */
export type ColumnExpectation = z.output<typeof columnExpectationSchema>;

const sampleSize = 5;

function present(column: ColumnArrays, i: number): boolean {
  return !column.valid || column.valid[i] === 1;
}

function rangeCheck(e: ColumnExpectation, column: ColumnArrays): ReportCheck {
  const name = `${e.name} range`;
  if (column.kind !== 'number' && column.kind !== 'boolean') return { name, passed: false, message: 'not a numeric column' };
  let below = 0;
  let above = 0;
  const samples: number[] = [];
  for (let i = 0; i < column.length; i++) {
    if (!present(column, i)) continue;
    const v = column.values[i] as number;
    const low = e.min !== undefined && v < e.min;
    const high = e.max !== undefined && v > e.max;
    if (low) below++;
    if (high) above++;
    if ((low || high) && samples.length < sampleSize) samples.push(v);
  }
  const bounds = `[${e.min ?? '−∞'}, ${e.max ?? '∞'}]`;
  const passed = below + above === 0;
  const message = passed ? `all values in ${bounds}` : `${below + above} rows outside ${bounds}, e.g. ${samples.join(', ')}`;
  return { name, passed, message, details: { min: e.min ?? null, max: e.max ?? null, below, above, samples } };
}

function allowedCheck(e: ColumnExpectation, column: ColumnArrays, allowed: readonly (string | number | boolean)[]): ReportCheck {
  const text = categoryText(column);
  const keys = new Set(allowed.map((v) => String(v)));
  const unexpected = new Map<string, number>();
  let rows = 0;
  for (let i = 0; i < column.length; i++) {
    if (!present(column, i)) continue;
    const key = text(i);
    if (keys.has(key)) continue;
    rows++;
    unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
  }
  const shown = [...unexpected.keys()].slice(0, sampleSize);
  const message =
    rows === 0 ? 'only allowed values' : `${rows} rows with other values, e.g. ${shown.map((v) => JSON.stringify(v)).join(', ')}`;
  return {
    name: `${e.name} allowed values`,
    passed: rows === 0,
    message,
    details: { rows, unexpected: Object.fromEntries([...unexpected].slice(0, 20)) },
  };
}

function uniqueCheck(e: ColumnExpectation, column: ColumnArrays): ReportCheck {
  const text = column.kind === 'number' ? (i: number) => column.values[i] as number : categoryText(column);
  const seen = new Set<string | number>();
  let duplicates = 0;
  const samples: (string | number)[] = [];
  for (let i = 0; i < column.length; i++) {
    if (!present(column, i)) continue;
    const key = text(i);
    if (!seen.has(key)) seen.add(key);
    else if (++duplicates && samples.length < sampleSize && !samples.includes(key)) samples.push(key);
  }
  const message = duplicates === 0 ? 'every value distinct' : `${duplicates} repeated rows, e.g. ${samples.join(', ')}`;
  return { name: `${e.name} unique`, passed: duplicates === 0, message, details: { duplicates, samples } };
}

/** The checks of one column's expectations, against the column (undefined when the table lacks it). */
export function columnChecks(e: ColumnExpectation, vector: Vector | undefined): ReportCheck[] {
  if (!vector) return [{ name: `${e.name} exists`, passed: false, message: 'the table has no such column' }];
  const type: ColumnType = columnTypeOf(vector.type);
  const checks: ReportCheck[] = [];
  if (e.type !== undefined) {
    const passed = type === e.type || (e.type === 'number' && type === 'integer');
    checks.push({
      name: `${e.name} type`,
      passed,
      message: passed ? `is ${type}` : `is ${type}, expected ${e.type}`,
      details: { expected: e.type, actual: type },
    });
  }
  const needsValues = e.min !== undefined || e.max !== undefined || e.allowed !== undefined || e.unique === true;
  const column = needsValues ? readColumn(vector) : undefined;
  if (column && (e.min !== undefined || e.max !== undefined)) checks.push(rangeCheck(e, column));
  if (column && e.allowed !== undefined) checks.push(allowedCheck(e, column, e.allowed));
  if (e.maxNullRate !== undefined) {
    const rate = vector.length > 0 ? vector.nullCount / vector.length : 0;
    const passed = rate <= e.maxNullRate;
    const message = `${(rate * 100).toFixed(1)}% null${passed ? '' : `, more than ${(e.maxNullRate * 100).toFixed(1)}%`}`;
    checks.push({
      name: `${e.name} null rate`,
      passed,
      message,
      details: { nulls: vector.nullCount, rows: vector.length, rate, maxNullRate: e.maxNullRate },
    });
  }
  if (column && e.unique === true) checks.push(uniqueCheck(e, column));
  return checks;
}
