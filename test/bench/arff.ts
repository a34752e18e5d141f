/**
 * ARFF read: readArff (bytes → Arrow table) beside the npm ARFF readers (which know no `real` or `integer`, hence numeric) measured in the same run,
 * `arff` 0.1.1 (`parse(text)`, a PEG parser into row objects) and `node-arff` 1.1.0 (`load(file)`,
 * readline into row objects; it reads the file itself, from the page cache). The file is generated:
 * 100k rows × 10 attributes (8 numeric, 1 nominal of 5 values, 1 string without blanks).
 * Prints the median of 5 timed runs after a warm-up, each baseline's ratio to readArff, and the load.
 *
 * Run: npx tsx test/bench/arff.ts [rows]        (default: 100000)
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readArff } from '@causeway/sdk';

const require = createRequire(import.meta.url);
const arffParse = (require('arff') as { parse(text: string): { data: unknown[] } }).parse;
const nodeArff = require('node-arff') as { load(file: string, done: (err: Error | null, data: { data: unknown[] }) => void): void };

function generate(rows: number): string {
  let seed = 7;
  const random = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const header = ['@relation bench'];
  for (let c = 0; c < 7; c++) header.push(`@attribute x${c} numeric`);
  header.push('@attribute n numeric', '@attribute k {alpha,beta,gamma,delta,epsilon}', '@attribute s string', '@data');
  const labels = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  const lines: string[] = [header.join('\n')];
  for (let r = 0; r < rows; r++) {
    const values: string[] = [];
    for (let c = 0; c < 7; c++) values.push((random() * 1000 - 500).toFixed(4));
    values.push(String(Math.floor(random() * 100_000)), labels[Math.floor(random() * 5)] as string, `id_${r}`);
    lines.push(values.join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function median(run: () => Promise<number> | number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const rows = await run();
    times.push(performance.now() - start);
    if (rows <= 0) throw new Error('no rows read');
  }
  times.sort((a, b) => a - b);
  return times[2] as number;
}

const rows = Number(process.argv[2] ?? 100_000);
const text = generate(rows);
const file = join(tmpdir(), `causeway-bench-${process.pid}.arff`);
writeFileSync(file, text);
const bytes = new Uint8Array(readFileSync(file));
try {
  const ours = await median(() => {
    const r = readArff(bytes);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    return r.value.numRows;
  });
  const peg = await median(() => arffParse(text).data.length);
  const lines = await median(
    () => new Promise<number>((resolve, reject) => nodeArff.load(file, (err, data) => (err ? reject(err) : resolve(data.data.length)))),
  );
  console.log(`ARFF ${rows} rows × 10, ${(bytes.length / 1e6).toFixed(1)} MB, median of 5`);
  console.log(`  readArff          ${ours.toFixed(1)} ms`);
  console.log(`  arff 0.1.1        ${peg.toFixed(1)} ms   readArff / it = ${(ours / peg).toFixed(2)}`);
  console.log(`  node-arff 1.1.0   ${lines.toFixed(1)} ms   readArff / it = ${(ours / lines).toFixed(2)}`);
  console.log(`  vs fastest baseline: ${(ours / Math.min(peg, lines)).toFixed(2)}× (target ≤ 2)`);
  const load = loadavg().map((l) => l.toFixed(2));
  console.log(`  load average ${load.join(' ')}`);
} finally {
  rmSync(file, { force: true });
}
