/**
 * CSV parse: parseCsv against a minimal hand-written typed-array loop (knows the schema, no quoting)
 * and arquero 8 (`aq.fromCSV`), on generated files of an id, three floats and a category of 1,000
 * values. Prints medians, ratios, and peak memory of each parser measured in a fresh child process
 * (peak RSS over the parse, and retained ArrayBuffers) beside the Arrow size of the result. The streaming
 * reader (`parseCsvStream` over the file in 1 MiB reads into one reused buffer, the folder FileStore's
 * `open` the CSV node reads files through) is timed and measured the same way; its peak includes the
 * file reads, the whole-buffer parser's does not. Its memory is also measured over `createReadStream`,
 * which reads each chunk into a fresh buffer.
 *
 * Run: npx tsx test/bench/csv.ts [rows ...]        (default: 1000000 5000000)
 *      ARQUERO_ALL=1 also runs arquero above 1M rows (about 12 s a parse at 5M).
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv, parseCsvStream } from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import * as aq from 'arquero';
import { fileChunks } from '../../server/src/cli/folder-files';

type Parser = 'causeway' | 'hand' | 'arquero';

function generate(rows: number): Uint8Array {
  const encoder = new TextEncoder();
  const out = new Uint8Array(rows * 64 + 64);
  let length = encoder.encodeInto('id,x,y,z,city\n', out).written;
  let seed = 42;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const block = 10_000;
  for (let from = 0; from < rows; from += block) {
    let text = '';
    for (let i = from; i < Math.min(rows, from + block); i++) {
      text += `${i},${(random() * 1000).toFixed(4)},${(random() - 0.5).toFixed(6)},${(random() * 1e5).toFixed(2)},city_${Math.floor(random() * 1000)}\n`;
    }
    length += encoder.encodeInto(text, out.subarray(length)).written;
  }
  return out.subarray(0, length);
}

/** The minimal loop: fixed schema, no quotes, no inference; the floor a general parser is held to. */
function handLoop(bytes: Uint8Array, rows: number): { ids: Int32Array; floats: Float64Array[]; codes: Int32Array } {
  const ids = new Int32Array(rows);
  const floats = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  const codes = new Int32Array(rows);
  const dictionary = new Map<number, number>();
  const pow10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
  let pos = bytes.indexOf(10) + 1;
  for (let r = 0; r < rows; r++) {
    let id = 0;
    for (let c = bytes[pos++] as number; c !== 44; c = bytes[pos++] as number) id = id * 10 + c - 48;
    ids[r] = id;
    for (const column of floats) {
      let sign = 1;
      let mantissa = 0;
      let scale = -1;
      let c = bytes[pos++] as number;
      if (c === 45) {
        sign = -1;
        c = bytes[pos++] as number;
      }
      for (; c !== 44; c = bytes[pos++] as number) {
        if (c === 46) scale = 0;
        else {
          mantissa = mantissa * 10 + c - 48;
          if (scale >= 0) scale++;
        }
      }
      column[r] = (sign * mantissa) / (pow10[Math.max(0, scale)] as number);
    }
    let h = 0;
    for (let c = bytes[pos++] as number; c !== 10; c = bytes[pos++] as number) h = Math.imul(h, 31) + c;
    let code = dictionary.get(h);
    if (code === undefined) {
      code = dictionary.size;
      dictionary.set(h, code);
    }
    codes[r] = code;
  }
  return { ids, floats, codes };
}

function arrowBytes(table: Table): number {
  let total = 0;
  for (const column of table.data[0]?.children ?? []) {
    for (const buffer of [column.values, column.valueOffsets, column.nullBitmap]) total += buffer?.byteLength ?? 0;
    for (const d of column.dictionary?.data ?? []) total += (d.values?.byteLength ?? 0) + (d.valueOffsets?.byteLength ?? 0);
  }
  return total;
}

function run(parser: Parser, bytes: Uint8Array, rows: number, text?: string): unknown {
  if (parser === 'causeway') {
    const r = parseCsv(bytes);
    if (!r.ok || r.value.table.numRows !== rows)
      throw new Error(`parse failed: ${JSON.stringify(r.ok ? r.value.table.numRows : r.issues)}`);
    return r.value.table;
  }
  if (parser === 'hand') return handLoop(bytes, rows);
  return aq.fromCSV(text ?? new TextDecoder().decode(bytes));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MB`;

/** Median wall and CPU milliseconds (CPU time is steadier when the machine is shared). */
function time(parser: Parser, bytes: Uint8Array, rows: number, repeats: number): { wall: number; cpu: number } {
  const text = parser === 'arquero' ? new TextDecoder().decode(bytes) : undefined;
  const walls: number[] = [];
  const cpus: number[] = [];
  run(parser, bytes, rows, text);
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(parser, bytes, rows, text);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const ms = (t: { wall: number; cpu: number }): string => `${t.wall.toFixed(0).padStart(6)} ms wall ${t.cpu.toFixed(0).padStart(6)} ms CPU`;
const ratio = (a: { wall: number; cpu: number }, b: { wall: number; cpu: number }): string =>
  `${(a.wall / b.wall).toFixed(2)}× wall, ${(a.cpu / b.cpu).toFixed(2)}× CPU`;

async function stream(path: string, rows: number): Promise<Table> {
  const r = await parseCsvStream(() => fileChunks(path, 1 << 20), { expectedBytes: statSync(path).size });
  if (!r.ok || r.value.table.numRows !== rows)
    throw new Error(`stream parse failed: ${JSON.stringify(r.ok ? r.value.table.numRows : r.issues)}`);
  return r.value.table;
}

/** Median wall and CPU milliseconds of the streaming reader, reading the file from disk each time. */
async function timeStream(path: string, rows: number, repeats: number): Promise<{ wall: number; cpu: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  await stream(path, rows);
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await stream(path, rows);
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

/**
 * This process's own peak RSS (VmHWM). Not `resourceUsage().maxRSS`: a spawned child's maxRSS starts
 * at its parent's RSS at the fork, which here holds the generated CSV and its tables.
 */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  if (match === null) throw new Error('the memory figures need /proc/self/status (Linux)');
  return Number(match[1]) * 1024;
}

/** Sets the peak RSS back to the current RSS, so the peak read later is the one over the parse. */
function resetPeakRss(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

/**
 * In a fresh process: peak RSS over one streamed parse of the file (nothing loaded before it), and the
 * peak of V8 heap + ArrayBuffers above the start, sampled at every chunk read (what the parse holds
 * live, plus read chunks not yet collected).
 */
async function streamMemoryChild(path: string, rows: number, fresh: boolean): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  gc();
  const before = process.memoryUsage();
  const base = before.heapUsed + before.arrayBuffers;
  resetPeakRss();
  let peakLive = 0;
  async function* sampled(): AsyncIterable<Uint8Array> {
    const chunks = fresh ? (createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Uint8Array>) : fileChunks(path, 1 << 20);
    for await (const chunk of chunks) {
      const now = process.memoryUsage();
      peakLive = Math.max(peakLive, now.heapUsed + now.arrayBuffers - base);
      yield chunk;
    }
  }
  const r = await parseCsvStream(sampled, { expectedBytes: statSync(path).size });
  if (!r.ok || r.value.table.numRows !== rows) throw new Error('stream parse failed');
  const peak = peakRss() - before.rss;
  gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({ peak, peakLive, retained: after.arrayBuffers - before.arrayBuffers, arrow: arrowBytes(r.value.table), heap: 0 }),
  );
}

/** In a fresh process: peak RSS over one parse (above the RSS with the file loaded) and retained ArrayBuffers. */
function memoryChild(parser: Parser, path: string, rows: number): void {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.length);
  const text = parser === 'arquero' ? new TextDecoder().decode(bytes) : undefined;
  gc();
  const before = process.memoryUsage();
  resetPeakRss();
  const result = run(parser, bytes, rows, text);
  const peak = peakRss() - before.rss;
  gc();
  const after = process.memoryUsage();
  const arrow = parser === 'causeway' ? arrowBytes(result as Table) : 0;
  console.log(JSON.stringify({ peak, retained: after.arrayBuffers - before.arrayBuffers, arrow, heap: after.heapUsed - before.heapUsed }));
}

type Memory = { peak: number; peakLive?: number; retained: number; arrow: number; heap: number };

/** The run with the median peak RSS of three fresh child processes (a busy machine delays collection). */
function memoryOf(parser: Parser | 'stream' | 'stream-fresh', file: string, rows: number): Memory {
  const self = fileURLToPath(import.meta.url);
  const runs: Memory[] = [];
  for (let k = 0; k < 3; k++) {
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', self, '--memory', parser, file, String(rows)],
      { encoding: 'utf8' },
    );
    runs.push(JSON.parse(out.trim().split('\n').pop() ?? '{}') as Memory);
  }
  return [...runs].sort((a, b) => a.peak - b.peak)[1] as Memory;
}

async function bench(rows: number): Promise<void> {
  const bytes = generate(rows);
  const file = join(tmpdir(), `causeway-bench-${rows}.csv`);
  writeFileSync(file, bytes);
  const repeats = rows > 2_000_000 ? 1 : 2;
  const withArquero = rows <= 1_000_000 || process.env.ARQUERO_ALL === '1';
  // Interleaved, so a busy machine slows each alike.
  let ours = { wall: 0, cpu: 0 };
  let hand = { wall: 0, cpu: 0 };
  let streamed = { wall: 0, cpu: 0 };
  const rounds = {
    ours: [] as { wall: number; cpu: number }[],
    hand: [] as { wall: number; cpu: number }[],
    streamed: [] as { wall: number; cpu: number }[],
  };
  for (let k = 0; k < 5; k++) {
    rounds.ours.push(time('causeway', bytes, rows, repeats));
    rounds.hand.push(time('hand', bytes, rows, repeats));
    rounds.streamed.push(await timeStream(file, rows, repeats));
  }
  const mid = (xs: { wall: number; cpu: number }[]) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) });
  ours = mid(rounds.ours);
  hand = mid(rounds.hand);
  streamed = mid(rounds.streamed);
  const arq = withArquero ? time('arquero', bytes, rows, rows > 1_000_000 ? 1 : 3) : { wall: Number.NaN, cpu: Number.NaN };
  const memory = memoryOf('causeway', file, rows);
  const handMemory = memoryOf('hand', file, rows);
  const streamMemory = memoryOf('stream', file, rows);
  const freshMemory = memoryOf('stream-fresh', file, rows);
  rmSync(file);
  console.log(`\n${rows.toLocaleString('en')} rows, ${mb(bytes.length)} of CSV`);
  console.log(`  parseCsv   ${ms(ours)}   (target ≤ 2× hand loop, ≤ 1500 ms at 5M)`);
  console.log(`  hand loop  ${ms(hand)}   parseCsv / hand = ${ratio(ours, hand)}`);
  console.log(
    `  stream     ${ms(streamed)}   parseCsvStream (from disk) / hand = ${ratio(streamed, hand)}; / parseCsv = ${ratio(streamed, ours)}`,
  );
  if (withArquero) console.log(`  arquero 8  ${ms(arq)}   arquero / parseCsv = ${ratio(arq, ours)} (target ≥ 3×)`);
  else console.log('  arquero 8     skipped above 1M rows (≈12 s a parse); ARQUERO_ALL=1 runs it');
  console.log(`  Arrow size of the result ${mb(memory.arrow)}`);
  console.log(
    `  parseCsv peak RSS over the parse ${mb(memory.peak)} = ${(memory.peak / memory.arrow).toFixed(2)}× Arrow (target ≤ 2×); retained ArrayBuffers ${mb(memory.retained)}`,
  );
  console.log(`  hand loop peak RSS over the parse ${mb(handMemory.peak)}; retained ArrayBuffers ${mb(handMemory.retained)}`);
  console.log(
    `  parseCsvStream peak RSS over the parse ${mb(streamMemory.peak)} = ${(streamMemory.peak / streamMemory.arrow).toFixed(2)}× Arrow (target ≤ 2×; the ${mb(bytes.length)} file is never held whole)`,
  );
  console.log(
    `  parseCsvStream over createReadStream (a fresh buffer per read) peak RSS ${mb(freshMemory.peak)} = ${(freshMemory.peak / freshMemory.arrow).toFixed(2)}× Arrow`,
  );
  const live = streamMemory.peakLive ?? 0;
  console.log(
    `  parseCsvStream peak heap + ArrayBuffers (sampled at each 1 MiB read) ${mb(live)} = ${(live / streamMemory.arrow).toFixed(2)}× Arrow`,
  );
  console.log('  (memory: median peak of 3 fresh child processes each; RSS is the process own peak, VmHWM, minus RSS before the parse)');
}

if (process.argv[2] === '--memory') {
  if (process.argv[3] === 'stream' || process.argv[3] === 'stream-fresh')
    await streamMemoryChild(process.argv[4] as string, Number(process.argv[5]), process.argv[3] === 'stream-fresh');
  else memoryChild(process.argv[3] as Parser, process.argv[4] as string, Number(process.argv[5]));
} else {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const rows of sizes.length > 0 ? sizes : [1_000_000, 5_000_000]) await bench(rows);
}
