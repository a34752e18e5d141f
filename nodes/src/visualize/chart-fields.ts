import { categoryText, columnOf, readColumn } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** A column read for charting as numbers (`temporal`: epoch milliseconds); NaN marks a missing value. */
export interface NumberField {
  kind: 'number';
  name: string;
  type: 'quantitative' | 'temporal';
  values: Float64Array;
}

/** A column read for charting as category codes; -1 marks a missing value. */
export interface CategoryField {
  kind: 'category';
  name: string;
  type: 'nominal';
  codes: Int32Array;
  labels: string[];
  /** Distinct values before the rare ones were lumped into "(other)". */
  distinct: number;
}

export type ChartField = NumberField | CategoryField;

const other = '(other)';
/** Longest label kept; longer text is cut, so a spec stays small. */
const maxLabel = 80;

/**
 * A number or date column as Float64 with NaN for a null (copied: the Arrow buffer stays untouched).
 *
 * @example
 * numberField(table, 'price').values[0]
 */
export function numberField(table: Table, name: string): NumberField {
  const column = readColumn(columnOf(table, name));
  if (column.kind !== 'number') throw new Error(`numberField: "${name}" holds ${column.kind} values`);
  const values = Float64Array.from(column.values);
  const { valid } = column;
  for (let i = 0; i < values.length; i++) if ((valid && !valid[i]) || !Number.isFinite(values[i] as number)) values[i] = Number.NaN;
  return { kind: 'number', name, type: column.columnType === 'date' ? 'temporal' : 'quantitative', values };
}

/**
 * Any column as category codes, keeping its `keep` most frequent values and lumping the rest into
 * "(other)". Dictionary columns are read through their codes; other columns are interned by text.
 *
 * @example
 * categoryField(table, 'plan', 50).labels // ['basic', 'pro', '(other)']
 */
export function categoryField(table: Table, name: string, keep: number): CategoryField {
  const column = readColumn(columnOf(table, name));
  const n = column.length;
  const raw = new Int32Array(n);
  let labels: string[];
  if (column.kind === 'category') {
    raw.set(column.codes);
    labels = [...column.dictionary];
  } else {
    const text = categoryText(column);
    const index = new Map<string, number>();
    labels = [];
    for (let i = 0; i < n; i++) {
      if (column.valid && !column.valid[i]) continue;
      const label = text(i);
      let code = index.get(label);
      if (code === undefined) {
        code = labels.length;
        index.set(label, code);
        labels.push(label);
      }
      raw[i] = code;
    }
  }
  if (column.valid) for (let i = 0; i < n; i++) if (!column.valid[i]) raw[i] = -1;
  const counts = new Float64Array(labels.length);
  for (let i = 0; i < n; i++) {
    const code = raw[i] as number;
    if (code >= 0) counts[code] = (counts[code] as number) + 1;
  }
  const used = labels.map((_, code) => code).filter((code) => (counts[code] as number) > 0);
  // the most frequent first, ties in first-seen order; the kept values are then listed in that order
  const ranked = [...used].sort((a, b) => (counts[b] as number) - (counts[a] as number) || a - b);
  const lumped = ranked.length > keep;
  const kept = lumped ? ranked.slice(0, keep - 1) : ranked;
  const remap = new Int32Array(labels.length).fill(lumped ? kept.length : -1);
  kept.forEach((code, at) => {
    remap[code] = at;
  });
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const code = raw[i] as number;
    codes[i] = code < 0 ? -1 : (remap[code] as number);
  }
  const keptLabels = kept.map((code) => cut(labels[code] as string));
  return { kind: 'category', name, type: 'nominal', codes, labels: lumped ? [...keptLabels, other] : keptLabels, distinct: used.length };
}

function cut(label: string): string {
  return label.length > maxLabel ? `${label.slice(0, maxLabel - 1)}…` : label;
}
