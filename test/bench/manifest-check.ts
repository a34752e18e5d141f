/**
 * Refusing an oversized plugin manifest: checkPluginManifest on a manifest whose one node config holds
 * 3 million numbers must stop at the size limit instead of walking it all. Beside it, the same check on
 * the valid manifest (the floor) and JSON.stringify of the oversized value (what walking it all costs).
 * Prints median and p95 over the runs after a warm-up; the target is under 2,000 ms for the refusal.
 *
 * Run: npx tsx test/bench/manifest-check.ts [repetitions]
 */
import { checkPluginManifest, defineNode, definePlugin, describePlugin, port, z } from '@causeway/sdk';

const repetitions = Number(process.argv[2] ?? 10);
const warmup = 2;
const targetMs = 2_000;

const upper = defineNode({
  type: '@acme/causeway-text/upper',
  version: 1,
  category: 'plugin',
  title: 'Upper case',
  description: 'Upper-cases a text column.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({ column: z.string().min(1) }),
  run: ({ inputs }) => ({ table: inputs.table }),
});
const plugin = definePlugin({ name: '@acme/causeway-text', version: '1.2.0', apiVersion: 1, nodes: [upper] });
const valid = () => JSON.parse(JSON.stringify(describePlugin(plugin, { file: 'plugin.mjs', sha256: 'a'.repeat(64) })));

const wide = valid();
wide.nodes[0].config = { items: new Array(3_000_000).fill(0) };
const small = valid();

function measure(what: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) what();
  const times: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    what();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] as number,
    p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] as number,
  };
}

const refused = checkPluginManifest(wide);
if (refused.ok || !refused.issues.some((i) => i.message.includes('size limit')))
  throw new Error('the oversized manifest was not refused for its size');

const rows = [
  ['valid manifest (floor)', measure(() => checkPluginManifest(small))],
  ['oversized manifest, refused', measure(() => checkPluginManifest(wide))],
  ['JSON.stringify of the oversized manifest', measure(() => JSON.stringify(wide))],
] as const;
for (const [name, { median, p95 }] of rows) console.log(`${name.padEnd(42)} median ${median.toFixed(2)} ms  p95 ${p95.toFixed(2)} ms`);
const refusal = rows[1][1].p95;
console.log(`target: refusal p95 < ${targetMs} ms — ${refusal < targetMs ? 'met' : 'NOT met'}`);
