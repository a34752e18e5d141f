/**
 * Excel reading: the source.excel node (read-excel-file's readSheet, then typed Arrow columns)
 * beside that readSheet alone, the well-kept reader it is built on and the only one installed, on a generated
 * workbook of a text, an integer, a float and a boolean column. Prints medians of 7 runs and the ratio.
 * From about 30,000 rows read-excel-file 9.3.17 (both its universal and Node entries) may run out of stack:
 * its XML chunk loop recurses once per chunk and halves the chunk whenever one takes over 7 ms.
 *
 * Run: npx tsx test/bench/excel.ts [rows ...]        (default: 1000 10000)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryFiles, runNode } from '@causeway/sdk/testkit';
import { readSheet } from 'read-excel-file/universal';
import { excelSource } from '../../nodes/src/source/excel';

const script = fileURLToPath(new URL('../fixtures/excel/make-fixtures.py', import.meta.url));

/** Medians of 7 runs of each, taken in turns so that warm-up and load fall on both alike. */
async function medians(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<[number, number]> {
  await a();
  await b();
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < 7; i++) {
    for (const [k, run] of [a, b].entries()) {
      const start = performance.now();
      await run();
      times[k]?.push(performance.now() - start);
    }
  }
  const mid = (t: number[]) => t.sort((x, y) => x - y)[3] as number;
  return [mid(times[0]), mid(times[1])];
}

const sizes = process.argv.slice(2).map(Number);
for (const rows of sizes.length > 0 ? sizes : [1000, 10_000]) {
  const path = join(tmpdir(), `causeway-bench-${rows}.xlsx`);
  execFileSync('python3', [script, String(rows), path]);
  const bytes = new Uint8Array(readFileSync(path));
  const files = memoryFiles({ 'bench.xlsx': bytes });
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const [baseline, ours] = await medians(
    () => readSheet(buffer),
    async () => {
      const { outputs } = await runNode(excelSource, { inputs: {}, config: { file: 'bench.xlsx' }, files });
      if (outputs.table.numRows !== rows) throw new Error(`read ${outputs.table.numRows} rows, expected ${rows}`);
    },
  );
  console.log(
    `${rows} rows (${(statSync(path).size / 2 ** 20).toFixed(1)} MiB): source.excel ${ours.toFixed(0)} ms, ` +
      `readSheet ${baseline.toFixed(0)} ms, ratio ${(ours / baseline).toFixed(2)}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  rmSync(path);
}
