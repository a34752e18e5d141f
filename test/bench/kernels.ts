/**
 * Table kernels against a hand-written typed-array loop and arquero 8, in one run, on generated tables
 * (an Int32 id, three Float64 columns, a category of 1,000 values): filter (mask from x > 0.5), derive
 * (x * 2 + y through the vector builders), group-by category with sum/mean/count, and a join to a
 * 1,000-row table on the category (unique right keys: the lookup path), and `join-dup`, an inner join to a
 * 1,000-row table holding each of 500 categories twice (the general hash join: each matching left row
 * gives two rows, every column gathered). Prints medians of repeated runs, ratios, and the peak memory of each
 * kernel measured in a fresh child process (peak RSS over the call minus RSS before it) beside the Arrow
 * size of the input table. Wall and CPU (process.cpuUsage, all threads) medians are both shown: CPU is
 * steadier when the machine is shared.
 *
 * Run: npx tsx test/bench/kernels.ts [rows ...]      (default: 1000000 5000000)
 *      RUNS=n sets the repetitions (default 10); KERNELS=join,filter runs only those; ARQUERO=0 skips arquero.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  columnOf,
  dictionaryVector,
  filterTable,
  float64Vector,
  groupBy,
  int32Vector,
  joinTables,
  readColumn,
  tableFromColumns,
  utf8Vector,
} from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import * as aq from 'arquero';

type Kernel = 'filter' | 'derive' | 'groupby' | 'join' | 'join-dup';
type Impl = 'causeway' | 'hand' | 'arquero';
const allKernels: Kernel[] = ['filter', 'derive', 'groupby', 'join', 'join-dup'];
const kernels = process.env.KERNELS ? allKernels.filter((k) => process.env.KERNELS?.split(',').includes(k)) : allKernels;
const categories = 1000;
const dictionary = Array.from({ length: categories }, (_, k) => `cat_${k}`);

function generate(rows: number): Table {
  let seed = 42;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const id = new Int32Array(rows);
  const [x, y, z] = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  const cat = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    id[i] = i;
    x[i] = random();
    y[i] = random() - 0.5;
    z[i] = random() * 1e5;
    cat[i] = Math.floor(random() * categories);
  }
  return tableFromColumns(
    ['id', 'x', 'y', 'z', 'cat'],
    [int32Vector(id), float64Vector(x), float64Vector(y), float64Vector(z), dictionaryVector(cat, dictionary)],
  );
}

function smallTable(): Table {
  const w = Float64Array.from({ length: categories }, (_, k) => k / categories);
  return tableFromColumns(['cat', 'w'], [utf8Vector(dictionary), float64Vector(w)]);
}

/** 1,000 rows over the first 500 categories, each twice: right keys that repeat. */
function duplicateTable(): Table {
  const names = Array.from({ length: categories }, (_, k) => dictionary[k % (categories / 2)] as string);
  const w = Float64Array.from({ length: categories }, (_, k) => k / categories);
  return tableFromColumns(['cat', 'w'], [utf8Vector(names), float64Vector(w)]);
}
const duplicates = duplicateTable();
const duplicatesAq = aq.fromArrow(duplicates as never);

function arrowBytes(table: Table): number {
  let bytes = 0;
  for (const batch of table.batches) {
    const stack = [...batch.data.children];
    while (stack.length > 0) {
      const d = stack.pop();
      if (!d) continue;
      for (const b of [d.values, d.valueOffsets, d.nullBitmap]) bytes += (b as ArrayBufferView | undefined)?.byteLength ?? 0;
      if (d.dictionary) stack.push(...d.dictionary.data);
      stack.push(...d.children);
    }
  }
  return bytes;
}

const numbers = (t: Table, name: string): Float64Array => {
  const col = readColumn(columnOf(t, name));
  if (col.kind !== 'number') throw new Error(`${name} is not numeric`);
  return col.values;
};

function causeway(kernel: Kernel, t: Table, small: Table): unknown {
  switch (kernel) {
    case 'filter': {
      const x = numbers(t, 'x');
      const mask = new Uint8Array(x.length);
      for (let i = 0; i < x.length; i++) mask[i] = (x[i] as number) > 0.5 ? 1 : 0;
      return filterTable(t, mask);
    }
    case 'derive': {
      const x = numbers(t, 'x');
      const y = numbers(t, 'y');
      const out = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) out[i] = (x[i] as number) * 2 + (y[i] as number);
      const names = t.schema.fields.map((f) => f.name);
      return tableFromColumns([...names, 'v'], [...names.map((n) => columnOf(t, n)), float64Vector(out)]);
    }
    case 'groupby':
      return groupBy(
        t,
        ['cat'],
        [
          { column: 'x', op: 'sum', as: 's' },
          { column: 'x', op: 'mean', as: 'm' },
          { op: 'count', as: 'n' },
        ],
      );
    case 'join':
      return joinTables(t, small, { on: [['cat', 'cat']], how: 'inner' });
    case 'join-dup':
      return joinTables(t, duplicates, { on: [['cat', 'cat']], how: 'inner' });
  }
}

function gatherFloat64(src: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = src[rows[k] as number] as number;
  return out;
}

function gatherInt32(src: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = src[rows[k] as number] as number;
  return out;
}

/** Every (left row, right row) pair of the duplicate-key join, right rows of a category in CSR form. */
function pairsOf(cat: Int32Array, starts: Int32Array, rows: Int32Array): { li: Int32Array; ri: Int32Array } {
  const n = cat.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += (starts[(cat[i] as number) + 1] as number) - (starts[cat[i] as number] as number);
  const li = new Int32Array(total);
  const ri = new Int32Array(total);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const c = cat[i] as number;
    const end = starts[c + 1] as number;
    for (let k = starts[c] as number; k < end; k++) {
      li[j] = i;
      ri[j++] = rows[k] as number;
    }
  }
  return { li, ri };
}

function handJoinDuplicates(t: Table): unknown {
  const data = (name: string) => (columnOf(t, name).data[0] as { values: Float64Array | Int32Array }).values;
  const starts = new Int32Array(categories + 1);
  const keys = columnOf(duplicates, 'cat');
  const entry = new Map(dictionary.map((s, k) => [s, k]));
  const right = Int32Array.from({ length: duplicates.numRows }, (_, r) => entry.get(keys.get(r) as string) ?? -1);
  for (let r = 0; r < right.length; r++) starts[(right[r] as number) + 1] = (starts[(right[r] as number) + 1] as number) + 1;
  for (let k = 0; k < categories; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  const rows = new Int32Array(right.length);
  const fill = starts.slice(0, categories);
  for (let r = 0; r < right.length; r++) {
    const k = right[r] as number;
    rows[fill[k] as number] = r;
    fill[k] = (fill[k] as number) + 1;
  }
  const { li, ri } = pairsOf(data('cat') as Int32Array, starts, rows);
  const w = (columnOf(duplicates, 'w').data[0] as { values: Float64Array }).values;
  const out = ['id', 'x', 'y', 'z', 'cat'].map((name) => {
    const src = data(name);
    return src instanceof Float64Array ? gatherFloat64(src, li) : gatherInt32(src, li);
  });
  return [...out, gatherFloat64(w, ri)];
}

/** The floor: loops that know the schema and build nothing but the output arrays. */
function hand(kernel: Kernel, t: Table, small: Table): unknown {
  const data = (name: string) => (columnOf(t, name).data[0] as { values: Float64Array | Int32Array }).values;
  const n = t.numRows;
  switch (kernel) {
    case 'filter': {
      const x = data('x') as Float64Array;
      const mask = new Uint8Array(n);
      let kept = 0;
      for (let i = 0; i < n; i++) kept += mask[i] = (x[i] as number) > 0.5 ? 1 : 0;
      return ['id', 'x', 'y', 'z', 'cat'].map((name) => {
        const src = data(name);
        const out = src instanceof Float64Array ? new Float64Array(kept) : new Int32Array(kept);
        let j = 0;
        for (let i = 0; i < n; i++) if (mask[i]) out[j++] = src[i] as number;
        return out;
      });
    }
    case 'derive': {
      const x = data('x');
      const y = data('y');
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = (x[i] as number) * 2 + (y[i] as number);
      return out;
    }
    case 'groupby': {
      const x = data('x');
      const cat = data('cat');
      const sums = new Float64Array(categories);
      const counts = new Int32Array(categories);
      for (let i = 0; i < n; i++) {
        const c = cat[i] as number;
        sums[c] = (sums[c] as number) + (x[i] as number);
        counts[c] = (counts[c] as number) + 1;
      }
      return [sums, counts, sums.map((s, c) => s / (counts[c] as number))];
    }
    case 'join': {
      const rowOf = new Map<string, number>();
      const names = columnOf(small, 'cat');
      for (let r = 0; r < small.numRows; r++) rowOf.set(names.get(r) as string, r);
      const remap = Int32Array.from(dictionary, (s) => rowOf.get(s) ?? -1);
      const w = (columnOf(small, 'w').data[0] as { values: Float64Array }).values;
      const cat = data('cat');
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = w[remap[cat[i] as number] as number] as number;
      return out;
    }
    case 'join-dup':
      return handJoinDuplicates(t);
  }
}

function arquero(kernel: Kernel, dt: aq.ColumnTable, small: aq.ColumnTable): unknown {
  switch (kernel) {
    case 'filter':
      return dt.filter((d: { x: number }) => d.x > 0.5).reify();
    case 'derive':
      return dt.derive({ v: (d: { x: number; y: number }) => d.x * 2 + d.y });
    case 'groupby':
      return dt.groupby('cat').rollup({ s: aq.op.sum('x'), m: aq.op.mean('x'), n: aq.op.count() });
    case 'join':
      return dt.join(small, 'cat');
    case 'join-dup':
      return dt.join(duplicatesAq, 'cat');
  }
}

function run(impl: Impl, kernel: Kernel, t: Table, small: Table, dt: aq.ColumnTable | null, sm: aq.ColumnTable | null): unknown {
  if (impl === 'causeway') return causeway(kernel, t, small);
  if (impl === 'hand') return hand(kernel, t, small);
  return arquero(kernel, dt as aq.ColumnTable, sm as aq.ColumnTable);
}

const median = (xs: number[]) => (xs.length === 0 ? Number.NaN : ([...xs].sort((a, b) => a - b)[xs.length >> 1] as number));

/** Child mode: one call of one kernel, reporting peak RSS growth over it. */
function child(impl: Impl, kernel: Kernel, rows: number): void {
  const t = generate(rows);
  const small = smallTable();
  const dt = impl === 'arquero' ? aq.fromArrow(t as never) : null;
  const sm = impl === 'arquero' ? aq.fromArrow(small as never) : null;
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const out = run(impl, kernel, t, small, dt, sm);
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ grew: peak - Math.max(before, peakBefore), arrow: arrowBytes(t), kept: out !== null }));
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    child(args[1] as Impl, args[2] as Kernel, Number(args[3]));
    return;
  }
  const sizes = args.length > 0 ? args.map(Number) : [1_000_000, 5_000_000];
  const runs = Number(process.env.RUNS ?? 10);
  const impls: Impl[] = process.env.ARQUERO === '0' ? ['causeway', 'hand'] : ['causeway', 'hand', 'arquero'];
  const self = fileURLToPath(import.meta.url);
  for (const rows of sizes) {
    const t = generate(rows);
    const small = smallTable();
    const dt = aq.fromArrow(t as never);
    const sm = aq.fromArrow(small as never);
    const mb = arrowBytes(t) / 2 ** 20;
    console.log(`\n${rows.toLocaleString('en')} rows, Arrow size ${mb.toFixed(1)} MB, median of ${runs} runs`);
    console.log(
      'kernel   causeway ms  hand ms  arquero ms  vs hand  vs arquero  peak MB (causeway)  peak/Arrow  | CPU ms: causeway  hand  vs hand  vs arquero',
    );
    for (const kernel of kernels) {
      // Implementations take turns within each repetition, so a busy machine slows them alike.
      const samples: Record<Impl, number[]> = { causeway: [], hand: [], arquero: [] };
      const cpuSamples: Record<Impl, number[]> = { causeway: [], hand: [], arquero: [] };
      for (let r = 0; r < runs + 2; r++) {
        for (const impl of impls) {
          const cpu = process.cpuUsage();
          const start = performance.now();
          run(impl, kernel, t, small, dt, sm);
          const wall = performance.now() - start;
          const used = process.cpuUsage(cpu);
          if (r >= 2) {
            samples[impl].push(wall);
            cpuSamples[impl].push((used.user + used.system) / 1000);
          }
        }
      }
      const times: Record<Impl, number> = {
        causeway: median(samples.causeway),
        hand: median(samples.hand),
        arquero: median(samples.arquero),
      };
      const cpus: Record<Impl, number> = {
        causeway: median(cpuSamples.causeway),
        hand: median(cpuSamples.hand),
        arquero: median(cpuSamples.arquero),
      };
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', 'causeway', kernel, String(rows)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const { grew, arrow } = JSON.parse(out) as { grew: number; arrow: number };
      console.log(
        `${kernel.padEnd(8)} ${times.causeway.toFixed(1).padStart(11)} ${times.hand.toFixed(1).padStart(8)} ${times.arquero.toFixed(1).padStart(11)}` +
          ` ${(times.causeway / times.hand).toFixed(2).padStart(7)}x ${(times.arquero / times.causeway).toFixed(1).padStart(9)}x` +
          ` ${(grew / 2 ** 20).toFixed(1).padStart(19)} ${(grew / arrow).toFixed(2).padStart(11)}` +
          `  | ${cpus.causeway.toFixed(1).padStart(15)} ${cpus.hand.toFixed(1).padStart(5)} ${(cpus.causeway / cpus.hand).toFixed(2).padStart(7)}x` +
          ` ${(cpus.arquero / cpus.causeway).toFixed(1).padStart(9)}x`,
      );
    }
  }
}

main();
