/**
 * Engine overhead per node: runGraph on a 1,000-node chain and a 1,000-node fan-out of trivial
 * `value` nodes that add 1, without a cache, with a cold cache (every node misses and is stored) and
 * a warm one (every node hits), beside a bare loop of 1,000 awaited calls measured in the same run.
 * Prints medians; the target is at most 10 µs of overhead per node.
 *
 * Run: npx tsx test/bench/engine-overhead.ts [repetitions] [--wall]
 * Times are CPU time of the process by default (steadier when other work shares the machine); --wall for wall-clock time.
 */
import {
  defineNode,
  type Graph,
  MemoryOutputCache,
  NodeRegistry,
  parseGraph,
  port,
  runGraph,
  serializeGraph,
  validateGraph,
} from '@causeway/sdk';
import { z } from 'zod';

const size = 1_000;
const repetitions = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 31);
const warmup = 5;
const targetUs = 10;

const add = defineNode({
  type: 'bench.add',
  version: 1,
  category: 'transform',
  title: 'Add one',
  description: 'Adds 1 to its input (0 when unconnected).',
  inputs: { x: port.value(z.number(), { optional: true }) },
  outputs: { y: port.value(z.number()) },
  config: z.object({}),
  run: async ({ inputs }) => ({ y: (inputs.x ?? 0) + 1 }),
});
const registry = new NodeRegistry().add(add);

function graphOf(shape: 'chain' | 'fan-out'): Graph {
  const nodes = Array.from({ length: size }, (_, i) => ({
    id: `n${i}`,
    type: 'bench.add',
    version: 1,
    config: {},
    position: [i, 0] as [number, number],
  }));
  const edges = nodes.slice(1).map((node, i) => ({ from: `${shape === 'chain' ? `n${i}` : 'n0'}.y`, to: `${node.id}.x` }));
  return { format: 'causeway.graph/1', id: shape, name: shape, nodes, edges };
}

const bareAdd = async (x: number): Promise<number> => x + 1;
async function bareLoop(): Promise<number> {
  let x = 0;
  for (let i = 0; i < size; i++) x = await bareAdd(x);
  return x;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

// CPU time of this process (user + system), in ms: on a shared, busy machine it tracks the work done far better than wall time.
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const clock = process.argv.includes('--wall') ? () => performance.now() : cpuMs;

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = clock();
  await work();
  return clock() - start;
}

type Case = { name: string; work: () => Promise<unknown> };

async function runEngine(graph: Graph, cache: MemoryOutputCache | undefined): Promise<void> {
  const result = await runGraph(graph, cache ? { registry, cache } : { registry });
  if (result.status !== 'succeeded') throw new Error(`run ${result.status}: ${JSON.stringify(result.issues.slice(0, 3))}`);
}

async function main(): Promise<void> {
  const cases: Case[] = [{ name: 'bare loop (1,000 awaited calls)', work: bareLoop }];
  for (const shape of ['chain', 'fan-out'] as const) {
    // Hosts run graphs that came from parseGraph (a file, a request body, the editor's store).
    const parsed = parseGraph(serializeGraph(graphOf(shape)));
    if (!parsed.ok) throw new Error('the benchmark graph parses');
    const graph = parsed.value;
    const warm = new MemoryOutputCache(size * 2);
    await runEngine(graph, warm);
    cases.push(
      { name: `${shape}, validateGraph alone`, work: async () => validateGraph(graph, registry, { infer: false }) },
      { name: `${shape}, no cache`, work: () => runEngine(graph, undefined) },
      { name: `${shape}, cold cache (miss + store)`, work: () => runEngine(graph, new MemoryOutputCache(size * 2)) },
      { name: `${shape}, warm cache (all hits)`, work: () => runEngine(graph, warm) },
    );
  }
  const samples = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  // Interleave the cases so drift in machine speed affects them alike.
  for (let r = 0; r < warmup + repetitions; r++) {
    for (const c of cases) {
      const ms = await time(c.work);
      if (r >= warmup) samples.get(c.name)?.push(ms);
    }
  }
  const bare = median(samples.get(cases[0]?.name ?? '') ?? []);
  console.log(
    `engine overhead, ${size} trivial nodes, median of ${repetitions} runs, ${clock === cpuMs ? 'CPU' : 'wall'} time (node ${process.version})\n`,
  );
  console.log(
    `${'case'.padEnd(38)}${'ms'.padStart(9)}${'µs/node'.padStart(10)}${'overhead µs/node'.padStart(19)}${'without validation'.padStart(22)}`,
  );
  let worst = 0;
  let worstExecution = 0;
  let validation = 0;
  for (const c of cases) {
    const ms = median(samples.get(c.name) ?? []);
    const perNode = (ms * 1000) / size;
    const overhead = ((ms - bare) * 1000) / size;
    const isRun = c.work !== bareLoop && !c.name.includes('validateGraph');
    if (c.name.includes('validateGraph')) validation = ms;
    if (isRun) {
      worst = Math.max(worst, overhead);
      worstExecution = Math.max(worstExecution, ((ms - bare - validation) * 1000) / size);
    }
    console.log(
      `${c.name.padEnd(38)}${ms.toFixed(2).padStart(9)}${perNode.toFixed(2).padStart(10)}${(isRun ? overhead.toFixed(2) : '—').padStart(19)}${(isRun ? (((ms - bare - validation) * 1000) / size).toFixed(2) : '—').padStart(22)}`,
    );
  }
  console.log(`\nworst overhead per node: ${worst.toFixed(2)} µs in all (target ≤ ${targetUs}: ${worst <= targetUs ? 'met' : 'NOT met'}),`);
  console.log(
    `of which scheduling and execution (excluding validateGraph): ${worstExecution.toFixed(2)} µs (${worstExecution <= targetUs ? 'met' : 'NOT met'})`,
  );
}

await main();
