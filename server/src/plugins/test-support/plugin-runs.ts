import { expect } from 'vitest';
import type { RunsTestApp } from '../../runs/runs-test-app';
import type { BuiltPlugin } from './build-test-plugin';
import { pluginTarball } from './pack-tarball';

/** A finished run as the API returns it. */
export interface FinishedRun {
  id: number;
  status: string;
  error: { code: string; message: string; nodeId?: string } | null;
  nodes: Array<{ nodeId: string; status: string; error: { code: string; message: string } | null }>;
}

/** Installs a built plugin through the API with an ops token. */
export async function installThroughApi(t: RunsTestApp, plugin: BuiltPlugin): Promise<Response> {
  const ops = (await t.services.tokens.create({ name: 'ops-plugins', role: 'ops', createdBy: null })).token;
  return t.app.request('/api/plugins', {
    method: 'POST',
    headers: { authorization: `Bearer ${ops}`, 'content-type': 'application/gzip' },
    body: (await pluginTarball(plugin)) as Uint8Array<ArrayBuffer>,
  });
}

/** A graph: an inline table `load` with a number column `x`, then each plugin node reading it. */
export function pluginGraph(id: string, requires: Record<string, string>, nodes: Array<{ id: string; type: string; config?: object }>) {
  return {
    format: 'causeway.graph/1',
    id,
    name: id,
    requires,
    nodes: [
      {
        id: 'load',
        type: 'source.inline',
        version: 1,
        config: { columns: [{ name: 'x', type: 'number' }], rows: [[1], [2], [3]] },
        position: [0, 0],
      },
      ...nodes.map((node, i) => ({ id: node.id, type: node.type, version: 1, config: node.config ?? {}, position: [200, i * 100] })),
    ],
    edges: nodes.map((node) => ({ from: 'load.table', to: `${node.id}.table` })),
  };
}

/** Saves a graph, starts a run of it, and waits until the run has finished; `during` runs while it is in flight. */
export async function runToEnd(t: RunsTestApp, graph: object, during?: (runId: number) => Promise<void>): Promise<FinishedRun> {
  const saved = await t.call('POST', '/api/graphs', { graph });
  expect(saved.status).toBe(201);
  const started = await t.call('POST', '/api/runs', { graphId: (graph as { id: string }).id });
  expect(started.status).toBe(201);
  const { id } = (await started.json()) as { id: number };
  if (during !== undefined) await during(id);
  for (;;) {
    const run = (await (await t.call('GET', `/api/runs/${id}`)).json()) as FinishedRun;
    if (!['queued', 'running'].includes(run.status)) return run;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
