/**
 * Reading and checking a large saved graph: parseGraph (safe JSON, format, schema) and validateGraph
 * (registry, ports, cycles, schema propagation) on a 5,000-node graph text, half a chain and half a
 * fan-out of small table nodes registered here, with JSON.parse alone as the floor. Prints median and
 * p95 over the runs after a warm-up; the target is at most 100 ms for parse and validate together.
 *
 * Run: npx tsx test/bench/parse-validate.ts [repetitions]
 */
import { defineNode, type Graph, NodeRegistry, parseGraph, port, serializeGraph, validateGraph } from '@causeway/sdk';
import { z } from 'zod';

const size = 5_000;
const repetitions = Number(process.argv[2] ?? 20);
const warmup = 5;
const targetMs = 100;

const source = defineNode({
  type: 'bench.source',
  version: 1,
  category: 'source',
  title: 'Source',
  description: 'A table with the configured number columns.',
  inputs: {},
  outputs: { table: port.table() },
  config: z.object({ columns: z.array(z.string()).min(1) }),
  infer: ({ config }) => ({ table: { columns: config.columns.map((name) => ({ name, type: 'number' as const, nullable: false })) } }),
  run: () => {
    throw new Error('not run in this benchmark');
  },
});

const keep = defineNode({
  type: 'bench.keep',
  version: 1,
  category: 'transform',
  title: 'Keep columns',
  description: 'Keeps the named columns.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({ columns: z.array(z.string()).min(1), note: z.string().max(200).optional() }),
  infer: ({ inputs, config, issue }) => {
    const columns = inputs.table?.columns.filter((c) => config.columns.includes(c.name)) ?? [];
    if (inputs.table && columns.length !== config.columns.length) issue('Unknown column.', ['columns']);
    return { table: { columns } };
  },
  run: () => {
    throw new Error('not run in this benchmark');
  },
});

const scale = defineNode({
  type: 'bench.scale',
  version: 1,
  category: 'transform',
  title: 'Scale',
  description: 'Multiplies a column by a factor.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({ column: z.string(), factor: z.number().finite() }),
  infer: ({ inputs }) => (inputs.table ? { table: inputs.table } : {}),
  run: () => {
    throw new Error('not run in this benchmark');
  },
});

const registry = new NodeRegistry().add(source, keep, scale);

/** Half the nodes in a chain after one source, half fanned out from another. */
function bigGraph(): Graph {
  const half = size / 2;
  const nodes: Graph['nodes'] = [];
  const edges: Graph['edges'] = [];
  const columns = ['age', 'tenure', 'spend', 'visits'];
  for (const [prefix, offset] of [
    ['c', 0],
    ['f', half],
  ] as const) {
    nodes.push({ id: `${prefix}0`, type: 'bench.source', version: 1, position: [0, offset], config: { columns } });
    for (let i = 1; i < half; i++) {
      const id = `${prefix}${i}`;
      const config = i % 2 === 0 ? { columns: columns.slice(0, 3), note: `step ${i}` } : { column: 'age', factor: 1 + i / 1000 };
      nodes.push({ id, type: i % 2 === 0 ? 'bench.keep' : 'bench.scale', version: 1, position: [i * 10, offset], config });
      edges.push({ from: `${prefix === 'c' ? `${prefix}${i - 1}` : 'f0'}.table`, to: `${id}.table` });
    }
  }
  return { format: 'causeway.graph/1', id: 'big', name: 'Big graph', nodes, edges };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
}

function main(): void {
  const text = serializeGraph(bigGraph());
  const parsed = parseGraph(text);
  if (!parsed.ok) throw new Error(`the benchmark graph does not parse: ${parsed.issues[0]?.message}`);
  const checked = validateGraph(parsed.value, registry);
  if (!checked.ok) throw new Error(`the benchmark graph does not validate: ${checked.issues[0]?.message}`);
  const graph = parsed.value;

  const cases: Array<{ name: string; work: () => unknown }> = [
    { name: 'JSON.parse (floor)', work: () => JSON.parse(text) },
    { name: 'parseGraph', work: () => parseGraph(text) },
    { name: 'validateGraph', work: () => validateGraph(graph, registry) },
    {
      name: 'parseGraph + validateGraph',
      work: () => {
        const r = parseGraph(text);
        return r.ok ? validateGraph(r.value, registry) : r;
      },
    },
  ];
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  // Interleaved so that drift in machine speed affects every case alike.
  for (let r = 0; r < warmup + repetitions; r++) {
    for (const c of cases) {
      const start = performance.now();
      c.work();
      const ms = performance.now() - start;
      if (r >= warmup) samples.get(c.name)?.push(ms);
    }
  }

  const kb = (new TextEncoder().encode(text).length / 1024).toFixed(0);
  console.log(
    `parse and validate: ${size} nodes, ${graph.edges.length} edges, ${kb} KiB of text, ${repetitions} runs after ${warmup} warm-up (node ${process.version})\n`,
  );
  console.log(`${'case'.padEnd(30)}${'median ms'.padStart(11)}${'p95 ms'.padStart(9)}`);
  for (const c of cases) {
    const values = samples.get(c.name) ?? [];
    console.log(`${c.name.padEnd(30)}${percentile(values, 0.5).toFixed(1).padStart(11)}${percentile(values, 0.95).toFixed(1).padStart(9)}`);
  }
  const both = percentile(samples.get('parseGraph + validateGraph') ?? [], 0.5);
  console.log(`\nparse + validate median ${both.toFixed(1)} ms (target ≤ ${targetMs} ms: ${both <= targetMs ? 'met' : 'NOT met'})`);
}

main();
