/**
 * Marking nodes stale after an edit: a chain of a source and 1,000 column selections, every node
 * done, then one config edit of the source, through the editor store's commit (stale marking,
 * undo history, structural checks), with 1,001 subscribers reading their node's badge as the cards do.
 * Baseline in the same run: the same 1,001 badge changes applied the way run events apply them today,
 * one node at a time through `store.runEvent`. Target (issue 14): ≤ 16 ms.
 *
 * Run: npx tsx test/bench/stale.ts [repetitions]
 */

import { createBuiltinRegistry } from '@causeway/nodes';
import type { Graph } from '@causeway/sdk';
import { EditorStore } from '../../web/src/canvas/editor-store';
import { graphEdits } from '../../web/src/canvas/graph-edits';
import { staleNodes } from '../../web/src/canvas/stale-nodes';
import { EditorCatalog } from '../../web/src/registry';
import { markStale } from '../../web/src/runner/run-view';

const downstream = 1_000;
const repetitions = Number(process.argv[2] ?? 31);
const targetMs = 16;

function chain(): Graph {
  const columns = [
    { name: 'a', type: 'number' },
    { name: 'b', type: 'string' },
  ];
  const nodes: Graph['nodes'] = [{ id: 'n0', type: 'source.inline', version: 1, config: { columns, rows: [[1, 'x']] }, position: [0, 0] }];
  const edges: Graph['edges'] = [];
  for (let i = 1; i <= downstream; i++) {
    nodes.push({ id: `n${i}`, type: 'transform.select', version: 1, config: { columns: [{ name: 'a' }] }, position: [i * 280, 0] });
    edges.push({ from: `n${i - 1}.table`, to: `n${i}.table` });
  }
  return { format: 'causeway.graph/1', id: 'bench', name: 'Bench', nodes, edges };
}

const graph = chain();
const ids = graph.nodes.map((n) => n.id);
const store = new EditorStore(graph, EditorCatalog.fromRegistry(createBuiltinRegistry()));
// One subscriber per card, each reading its own badge (NodeCard's selector).
let reads = 0;
for (const id of ids) store.subscribe(() => store.getState().run.badges.get(id) && reads++);

const outputs = { table: { kind: 'table' as const, rows: 1, schema: { columns: [] } } };
function allDone(runId: number): void {
  store.runEvent({ type: 'run:start', runId, at: 0, nodes: ids });
  for (const nodeId of ids) store.runEvent({ type: 'node:done', runId, nodeId, at: 1, durationMs: 1, cached: false, outputs });
  store.runEvent({ type: 'run:done', runId, at: 2, status: 'succeeded', durationMs: 2 });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const commitMs: number[] = [];
const markMs: number[] = [];
const perNodeMs: number[] = [];
for (let r = 0; r < repetitions + 3; r++) {
  allDone(2 * r);
  const before = store.getState().graph;
  const edited = graphEdits.setConfig(before, 'n0', { ...before.nodes[0]?.config, rows: [[r, 'x']] });
  let t = performance.now();
  const marked = markStale(store.getState().run, staleNodes(before, edited));
  const mark = performance.now() - t;
  t = performance.now();
  store.commit(edited);
  const commit = performance.now() - t;
  if (store.getState().run.badges.get(`n${downstream}`)?.state !== 'stale' || marked.badges.size !== ids.length)
    throw new Error('not marked stale');

  // Baseline: the same badge changes one node at a time, as node events arrive today.
  store.runEvent({ type: 'run:start', runId: 2 * r + 1, at: 0, nodes: [] });
  t = performance.now();
  for (const nodeId of ids) store.runEvent({ type: 'node:done', runId: 2 * r + 1, nodeId, at: 1, durationMs: 1, cached: false, outputs });
  const perNode = performance.now() - t;
  if (r >= 3) {
    markMs.push(mark);
    commitMs.push(commit);
    perNodeMs.push(perNode);
  }
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
console.log(
  `Marking ${downstream.toLocaleString('en')} downstream nodes stale, median of ${repetitions} (${ids.length} subscribers, ${reads.toLocaleString('en')} badge reads):`,
);
console.log(`  staleNodes + markStale alone:         ${fmt(median(markMs))}`);
console.log(
  `  store.commit of the edit (all of it): ${fmt(median(commitMs))}   target ≤ ${targetMs} ms  ${median(commitMs) <= targetMs ? 'met' : 'NOT met'}`,
);
console.log(`  baseline, one runEvent per node:      ${fmt(median(perNodeMs))}`);
