import { once } from 'node:events';
import { createWriteStream, openAsBlob } from 'node:fs';
import { join } from 'node:path';
import type { SoakServer } from './soak-server';

const node = (id: string, type: string, x: number, config: Record<string, unknown>) => ({ id, type, version: 1, position: [x, 0], config });
const graph = (id: string, nodes: unknown[], edges: Array<[string, string]>) => ({
  format: 'causeway.graph/1',
  id,
  name: id,
  nodes,
  edges: edges.map(([from, to]) => ({ from, to })),
});

/** A small graph: the bundled housing sample, filtered and counted by neighbourhood. */
export const smallGraph = graph(
  'soak-small',
  [
    node('load', 'source.sample', 0, { dataset: 'housing' }),
    node('keep', 'transform.filter', 200, { where: 'price > 0' }),
    node('count', 'transform.aggregate', 400, { keys: ['neighbourhood'], aggregates: [{ op: 'count' }, { op: 'mean', column: 'price' }] }),
  ],
  [
    ['load.table', 'keep.table'],
    ['keep.table', 'count.table'],
  ],
);

/** The big pipeline: a CSV of `rows` rows read, filtered and summed by region. */
export const bigGraph = graph(
  'soak-big',
  [
    node('read', 'source.csv', 0, { file: 'soak-big.csv' }),
    node('keep', 'transform.filter', 200, { where: 'amount > 10' }),
    node('sum', 'transform.aggregate', 400, { keys: ['region'], aggregates: [{ op: 'sum', column: 'amount' }, { op: 'count' }] }),
  ],
  [
    ['read.table', 'keep.table'],
    ['keep.table', 'sum.table'],
  ],
);

/** Writes a CSV of `rows` rows (id, region, amount, day) to `path`. */
export async function writeBigCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('id,region,amount,day\n');
  const regions = ['north', 'south', 'east', 'west', 'centre'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    chunk += `${i},${regions[i % 5]},${((i * 7919) % 10_000) / 100},2026-01-${String((i % 28) + 1).padStart(2, '0')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

interface Run {
  id: number;
  status: string;
}

/** Polls a run until it ends; its final record. */
export async function waitForRun(server: SoakServer, id: number, timeoutMs = 600_000): Promise<Run> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await server.json<Run>('GET', `/api/runs/${id}`);
    if (!['queued', 'running'].includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${id} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Saves the graphs, uploads the big CSV (when `bigRows` > 0) and schedules it every minute, trains
 * and registers the housing model (the shipped template) and serves it at endpoint `soak`.
 * Returns a row the endpoint accepts.
 */
export async function setUpSoak(server: SoakServer, dir: string, bigRows: number): Promise<Record<string, unknown>> {
  await server.json('POST', '/api/graphs', { graph: smallGraph, message: 'soak' });
  if (bigRows > 0) {
    const csv = join(dir, 'soak-big.csv');
    await writeBigCsv(csv, bigRows);
    const response = await fetch(`${server.url}/api/files?name=soak-big.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'text/csv' },
      body: await openAsBlob(csv),
    });
    if (!response.ok) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
    await server.json('POST', '/api/graphs', { graph: bigGraph, message: 'soak' });
    await server.json('POST', '/api/schedules', { name: 'soak-big', graphId: 'soak-big', cron: '* * * * *', overlap: 'skip' });
  }
  const train = await server.json<Run>('POST', '/api/runs', { graphId: 'housing-regression-deploy' });
  const trained = await waitForRun(server, train.id);
  if (trained.status !== 'succeeded') throw new Error(`training the housing model ended ${trained.status}`);
  await server.json('POST', '/api/endpoints', { name: 'soak', model: 'housing-price', sampleRate: 0.05 });
  await server.json('POST', '/api/endpoints/soak/promote', { version: 1 });
  const detail = await server.json<{ inputExample: Record<string, unknown> | null }>('GET', '/api/endpoints/soak');
  if (detail.inputExample === null) throw new Error('the soak endpoint has no input example');
  return detail.inputExample;
}
