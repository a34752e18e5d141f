import { columnTypeOf, seededRandom } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { type AxisKeys, axisKeys, oneKey } from './chart-axis';
import type { ChartConfig, ChartEncoding } from './chart-config';
import { type ChartField, categoryField, numberField } from './chart-fields';
import { type Groups, groupRows } from './chart-groups';
import { aggregateOf } from './chart-rules';
import { quantileInPlace } from './select-quantile';

/** One row of a chart's inline data. */
export type Datum = Record<string, string | number>;
export type FieldType = ChartField['type'];

/** What a chart draws: its few rows (binned, aggregated or sampled) and what was done to get them. */
export interface ChartData {
  values: Datum[];
  /** Vega-Lite types of the encodings present in `values`. */
  types: Partial<Record<ChartEncoding, FieldType>>;
  /** x (or y) carries bins: `x`..`x2` (`y`..`y2`). */
  binned: { x: boolean; y: boolean };
  /** Plain sentences for the subtitle: "sampled 5,000 of 1,000,000 rows". */
  notes: string[];
}

const count = (n: number) => n.toLocaleString('en-US');
const rowsText = (n: number) => `${count(n)} ${n === 1 ? 'row' : 'rows'}`;
const isNumberType = (t: string) => t === 'number' || t === 'integer' || t === 'date';

/**
 * Reduces a table to the rows a chart draws, column-at-a-time over Arrow: histograms and heat maps
 * are binned, box plots summarised into quartiles, aggregations grouped, and anything else larger
 * than `maxPoints` sampled with the seed. Only those rows go into the spec.
 *
 * @example
 * chartData(table, { mark: 'histogram', x: 'age', bins: 50, … }).notes // ['binned 1,000,000 rows into 50 bins']
 */
export function chartData(table: Table, config: ChartConfig): ChartData {
  const n = table.numRows;
  const notes: string[] = [];
  const read = (encoding: ChartEncoding, as: 'number' | 'category' | 'auto'): ChartField | undefined => {
    const name = config[encoding];
    if (name === undefined) return undefined;
    const field =
      numberLike(table, name) && as !== 'category' ? numberField(table, name) : categoryField(table, name, config.maxCategories);
    if (field.kind === 'category' && field.distinct > field.labels.length)
      notes.push(`kept the ${field.labels.length - 1} most frequent of ${count(field.distinct)} values of ${name}`);
    return field;
  };
  const mark = config.mark;
  const aggregate = aggregateOf(config);
  if (mark === 'histogram') {
    const x = read('x', 'number');
    const color = read('color', 'category');
    const facet = read('facet', 'category');
    const roles: [Role, AxisKeys | undefined][] = [
      ['x', axisKeys(x as ChartField, config.bins)],
      ['color', maybeKeys(color)],
      ['facet', maybeKeys(facet)],
    ];
    const data = grouped(roles, undefined, (g, k) => ({ count: g.rows[k] as number }));
    notes.unshift(`binned ${rowsText(data.used)} into ${config.bins} bins`);
    return { ...data, types: { ...data.types, x: x?.type ?? 'quantitative', y: 'quantitative' }, notes: withMissing(notes, n, data.used) };
  }
  if (mark === 'heatmap') {
    const x = read('x', 'auto') as ChartField;
    const y = read('y', 'auto') as ChartField;
    const facet = read('facet', 'category');
    const summed = aggregate !== 'none' && aggregate !== 'count';
    const value = summed ? numberField(table, config.color as string).values : undefined;
    const xs = axisKeys(x, config.bins);
    const ys = axisKeys(y, config.bins);
    const roles: [Role, AxisKeys | undefined][] = [
      ['x', xs],
      ['y', ys],
      ['facet', maybeKeys(facet)],
    ];
    const data = grouped(roles, value, (g, k) => ({
      value: statistic(summed ? aggregate : 'count', g, k),
    }));
    const binnedAxes = [xs.binned ? config.x : undefined, ys.binned ? config.y : undefined].filter((a) => a !== undefined);
    if (binnedAxes.length > 0) notes.unshift(`binned ${binnedAxes.join(' and ')} into ${config.bins} bins`);
    return { ...data, types: { ...data.types, x: x.type, y: y.type }, notes: withMissing(notes, n, data.used) };
  }
  if (mark === 'boxplot') return boxplotData(table, config, read, notes);
  if (aggregate !== 'none') {
    const x = read('x', 'auto') as ChartField;
    const color = read('color', 'category');
    const facet = read('facet', 'category');
    const xs = axisKeys(x, config.bins, config.maxPoints);
    const value = aggregate === 'count' ? undefined : numberField(table, config.y as string).values;
    const roles: [Role, AxisKeys | undefined][] = [
      ['x', xs],
      ['color', maybeKeys(color)],
      ['facet', maybeKeys(facet)],
    ];
    const data = grouped(roles, value, (g, k) => ({
      y: statistic(aggregate, g, k),
    }));
    if (xs.binned) notes.unshift(`binned ${config.x} into ${config.bins} bins`);
    // only bars span their bin; lines, areas and points sit at its middle
    if (xs.binned && mark !== 'bar') {
      for (const d of data.values) {
        d.x = ((d.x as number) + (d.x2 as number)) / 2;
        delete d.x2;
      }
      data.binned.x = false;
    }
    return { ...data, types: { ...data.types, x: x.type, y: 'quantitative' }, notes: withMissing(notes, n, data.used) };
  }
  return sampleData(n, config, read, notes);
}

function numberLike(table: Table, name: string): boolean {
  const field = table.schema.fields.find((f) => f.name === name);
  return field !== undefined && isNumberType(columnTypeOf(field.type));
}

function keysOf(field: ChartField | undefined, n: number): AxisKeys {
  return field ? axisKeys(field, 1) : oneKey(n);
}

function maybeKeys(field: ChartField | undefined): AxisKeys | undefined {
  return field ? axisKeys(field, 1) : undefined;
}

type Stat = 'count' | 'sum' | 'mean' | 'min' | 'max';

function statistic(stat: Stat, g: Groups, k: number): number {
  if (stat === 'count') return g.rows[k] as number;
  if (stat === 'sum') return g.sum[k] as number;
  if (stat === 'mean') return (g.sum[k] as number) / (g.rows[k] as number);
  return (stat === 'min' ? g.min[k] : g.max[k]) as number;
}

type Role = 'x' | 'y' | 'color' | 'facet';

/** Groups rows by the axes of the roles present, one datum per group: each role's value (and bin end), then the measure. */
function grouped(
  roles: [Role, AxisKeys | undefined][],
  values: Float64Array | undefined,
  measure: (g: Groups, k: number) => Datum,
): Omit<ChartData, 'notes'> & { used: number } {
  const present = roles.filter((r): r is [Role, AxisKeys] => r[1] !== undefined);
  const g = groupRows(
    present.map(([, axis]) => axis),
    values,
  );
  const out: Datum[] = new Array(g.size);
  let used = 0;
  for (let k = 0; k < g.size; k++) {
    const row: Datum = {};
    present.forEach(([role, axis], a) => {
      const v = axis.value(g.parts[a]?.[k] as number);
      row[role] = v.at;
      if (v.end !== undefined) row[`${role}2`] = v.end;
    });
    out[k] = Object.assign(row, measure(g, k));
    used += g.rows[k] as number;
  }
  const types: ChartData['types'] = {};
  for (const [role] of present) if (role === 'color' || role === 'facet') types[role] = 'nominal';
  const binnedOf = (role: Role) => present.some(([r, axis]) => r === role && axis.binned);
  return { values: out, types, binned: { x: binnedOf('x'), y: binnedOf('y') }, used };
}

function withMissing(notes: string[], n: number, used: number): string[] {
  return n > used ? [...notes, `left out ${rowsText(n - used)} with missing values`] : notes;
}

type Reader = (encoding: ChartEncoding, as: 'number' | 'category' | 'auto') => ChartField | undefined;

function present(fields: (ChartField | undefined)[], n: number): Int32Array {
  const keep = new Uint8Array(n).fill(1);
  for (const field of fields) {
    if (!field) continue;
    if (field.kind === 'number') for (let i = 0; i < n; i++) keep[i] = Number.isNaN(field.values[i] as number) ? 0 : (keep[i] as number);
    else for (let i = 0; i < n; i++) keep[i] = (field.codes[i] as number) < 0 ? 0 : (keep[i] as number);
  }
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i] as number;
  const rows = new Int32Array(m);
  for (let i = 0, j = 0; i < n; i++) if (keep[i]) rows[j++] = i;
  return rows;
}

function sampleData(n: number, config: ChartConfig, read: Reader, notes: string[]): ChartData {
  const fields = {
    x: read('x', 'auto'),
    y: read('y', 'auto'),
    color: read('color', 'auto'),
    size: read('size', 'number'),
    facet: read('facet', 'category'),
  };
  const rows = present(Object.values(fields), n);
  let chosen = rows;
  if (rows.length > config.maxPoints) {
    const random = seededRandom(config.seed);
    const order = Int32Array.from(rows);
    // partial Fisher–Yates: the first maxPoints slots are a uniform sample; kept in table order
    for (let i = 0; i < config.maxPoints; i++) {
      const j = i + Math.floor(random() * (order.length - i));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    chosen = order.subarray(0, config.maxPoints).sort();
    notes.unshift(`sampled ${count(config.maxPoints)} of ${count(rows.length)} rows`);
  }
  const values: Datum[] = Array.from({ length: chosen.length }, () => ({}));
  const types: ChartData['types'] = {};
  for (const [encoding, field] of Object.entries(fields) as [ChartEncoding, ChartField | undefined][]) {
    if (!field) continue;
    types[encoding] = field.type;
    for (let j = 0; j < chosen.length; j++) {
      const i = chosen[j] as number;
      (values[j] as Datum)[encoding] =
        field.kind === 'number' ? (field.values[i] as number) : (field.labels[field.codes[i] as number] as string);
    }
  }
  return { values, types, binned: { x: false, y: false }, notes: withMissing(notes, n, rows.length) };
}

function boxplotData(table: Table, config: ChartConfig, read: Reader, notes: string[]): ChartData {
  const n = table.numRows;
  const y = numberField(table, config.y as string);
  const x = read('x', 'category');
  const facet = read('facet', 'category');
  const xs = keysOf(x, n);
  const fs = keysOf(facet, n);
  const g = groupRows([xs, fs], y.values);
  // counting sort of the present values by group, then each group's slice sorted
  const start = new Int32Array(g.size + 1);
  for (let k = 0; k < g.size; k++) start[k + 1] = (start[k] as number) + (g.rows[k] as number);
  const fill = start.slice(0, g.size);
  const sorted = new Float64Array(start[g.size] as number);
  for (let i = 0; i < n; i++) {
    const k = g.slots[i] as number;
    if (k < 0) continue;
    sorted[fill[k] as number] = y.values[i] as number;
    fill[k] = (fill[k] as number) + 1;
  }
  const values: Datum[] = [];
  for (let k = 0; k < g.size; k++) {
    const part = sorted.subarray(start[k], start[k + 1]);
    const q1 = quantileInPlace(part, 0.25);
    const median = quantileInPlace(part, 0.5);
    const q3 = quantileInPlace(part, 0.75);
    const reach = 1.5 * (q3 - q1);
    let lower = q1;
    let upper = q3;
    for (let i = 0; i < part.length; i++) {
      const v = part[i] as number;
      if (v >= q1 - reach && v < lower) lower = v;
      if (v <= q3 + reach && v > upper) upper = v;
    }
    const row: Datum = { lower, q1, median, q3, upper, rows: part.length };
    if (x) row.x = xs.value(g.parts[0]?.[k] as number).at;
    if (facet) row.facet = fs.value(g.parts[1]?.[k] as number).at;
    values.push(row);
  }
  const used = sorted.length;
  notes.unshift(`quartiles of ${rowsText(used)}`);
  const types: ChartData['types'] = { y: 'quantitative' };
  if (x) types.x = 'nominal';
  if (facet) types.facet = 'nominal';
  return { values, types, binned: { x: false, y: false }, notes: withMissing(notes, n, used) };
}
