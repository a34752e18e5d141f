/**
 * The example plugins' kernels beside baselines, in one run, on generated tables:
 * - rolling mean over 7 rows and lag 1, per series (1,000 series, rows shuffled in time), by
 *   `@causeway/plugin-timeseries` against the SDK's `windowColumns` (rolling_mean / lag) and arquero 8;
 * - tokenize + TF-IDF fit (top 200 terms) on generated documents by `@causeway/plugin-text` against a
 *   straightforward row-at-a-time version (an array of token arrays and a Map per document).
 * Prints medians of repeated runs and the ratios.
 *
 * Run: npx tsx test/bench/plugin-features.ts [rows] [documents]   (default: 1000000 100000); RUNS=n (default 5);
 *      ONLY=series or ONLY=text runs one half.
 */
import { float64Vector, int32Vector, tableFromColumns, utf8Vector, windowColumns } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import * as aq from 'arquero';
import { tfidfFit } from '../../plugins/text-features/src/tfidf-fit';
import { tokenize } from '../../plugins/text-features/src/tokenize';
import { lags } from '../../plugins/timeseries-features/src/lags';
import { rolling } from '../../plugins/timeseries-features/src/rolling';

const rows = Number(process.argv[2] ?? 1_000_000);
const documents = Number(process.argv[3] ?? 100_000);
const runs = Number(process.env.RUNS ?? 5);

let seed = 7;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};

function seriesTable(): Table {
  const series = 1000;
  const store = new Int32Array(rows);
  const day = new Int32Array(rows);
  const sales = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    store[i] = i % series;
    day[i] = Math.floor(i / series);
    sales[i] = random() * 100;
  }
  // Shuffle rows so every implementation has to order each series by time.
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    for (const a of [store, day, sales]) [a[i], a[j]] = [a[j] as number, a[i] as number];
  }
  return tableFromColumns(['store', 'day', 'sales'], [int32Vector(store), int32Vector(day), float64Vector(sales)]);
}

function documentsTable(): Table {
  const words = Array.from({ length: 5000 }, (_, k) => `word${k.toString(36)}`);
  const text = new Array<string>(documents);
  for (let d = 0; d < documents; d++) {
    const parts: string[] = [];
    // Zipf-like: low word indices are frequent.
    for (let w = 0; w < 20; w++) parts.push(words[Math.floor(5000 * random() ** 3)] as string);
    text[d] = `${parts.join(' ')}, The end!`;
  }
  return tableFromColumns(['text'], [utf8Vector(text)]);
}

async function median(fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

function naiveTfidf(table: Table): number {
  const texts = (table.getChild('text')?.toArray() ?? []) as string[];
  const docs = texts.map((t) =>
    t
      .toLowerCase()
      .replace(/[\p{P}\p{S}]+/gu, ' ')
      .split(/\s+/u)
      .filter((w) => w !== '' && w !== 'the'),
  );
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const doc of docs) {
    for (const w of new Set(doc)) df.set(w, (df.get(w) ?? 0) + 1);
    for (const w of doc) tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  const vocab = [...tf.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 200)
    .map(([w]) => w);
  const idf = new Map(vocab.map((w) => [w, Math.log((1 + docs.length) / (1 + (df.get(w) ?? 0))) + 1]));
  const out = docs.map((doc) => {
    const row: Record<string, number> = {};
    for (const w of doc) if (idf.has(w)) row[w] = (row[w] ?? 0) + (idf.get(w) as number);
    const norm = Math.hypot(...Object.values(row)) || 1;
    for (const w of Object.keys(row)) row[w] = (row[w] as number) / norm;
    return row;
  });
  return out.length;
}

const line = (label: string, ms: number, baseline: number) =>
  console.log(`${label.padEnd(46)} ${ms.toFixed(0).padStart(7)} ms   ×${(ms / baseline).toFixed(2)}`);

const only = process.env.ONLY;
if (only !== 'text') {
  const series = seriesTable();
  const byStore = { time: 'day', groupBy: ['store'], columns: ['sales'] };
  console.log(`rolling mean (7) and lag 1 per series: ${rows} rows, 1000 series, median of ${runs}`);
  const sdkRolling = await median(() =>
    windowColumns(series, {
      partitionBy: ['store'],
      orderBy: [{ column: 'day' }],
      ops: [{ op: 'rolling_mean', column: 'sales', window: 7, as: 'm' }],
    }),
  );
  line('SDK windowColumns rolling_mean (baseline)', sdkRolling, sdkRolling);
  line(
    'plugin-timeseries rolling mean',
    await median(() => runNode(rolling, { inputs: { table: series }, config: { ...byStore, window: 7, minPeriods: 1 } })),
    sdkRolling,
  );
  line(
    'plugin-timeseries rolling mean+sum+min+max+std',
    await median(() =>
      runNode(rolling, {
        inputs: { table: series },
        config: { ...byStore, window: 7, minPeriods: 1, stats: ['mean', 'sum', 'min', 'max', 'std'] },
      }),
    ),
    sdkRolling,
  );
  const frame = aq.table({
    store: series.getChild('store')?.toArray(),
    day: series.getChild('day')?.toArray(),
    sales: series.getChild('sales')?.toArray(),
  });
  line(
    'arquero rolling mean',
    await median(() =>
      frame
        .groupby('store')
        .orderby('day')
        .derive({ m: aq.rolling('d => op.average(d.sales)', [-6, 0]) })
        .objects({ limit: 1 }),
    ),
    sdkRolling,
  );
  const sdkLag = await median(() =>
    windowColumns(series, {
      partitionBy: ['store'],
      orderBy: [{ column: 'day' }],
      ops: [{ op: 'lag', column: 'sales', offset: 1, as: 'l' }],
    }),
  );
  line('SDK windowColumns lag (baseline)', sdkLag, sdkLag);
  line(
    'plugin-timeseries lags [1]',
    await median(() => runNode(lags, { inputs: { table: series }, config: { ...byStore, lags: [1] } })),
    sdkLag,
  );
}
if (only !== 'series') {
  const docs = documentsTable();
  console.log(`\ntokenize + TF-IDF fit (200 terms): ${documents} documents of 22 tokens, median of ${runs}`);
  const naive = await median(() => naiveTfidf(docs));
  line('row-at-a-time JS (baseline)', naive, naive);
  line(
    'plugin-text tokenize + tfidf-fit',
    await median(async () => {
      const tokens = await runNode(tokenize, { inputs: { table: docs }, config: { column: 'text' } });
      return runNode(tfidfFit, { inputs: { table: tokens.outputs.table }, config: { column: 'text_tokens', maxFeatures: 200 } });
    }),
    naive,
  );
}
