import type { Graph, GraphTests } from '@causeway/sdk';
import { graphTestsApi } from '../api/graph-tests-api';
import type { Server } from '../app/server-context';
import type { EditorStore } from '../canvas/editor-store';
import { type PreviewSource, ServerPreviews } from '../results/server-previews';
import type { BrowserRunner } from '../runner/browser-runner';
import { graphTestsStore } from './tests-store';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Saves the graph's tests beside its version on the server (saving the canvas as a new version
 * first when it changed); answers the version they sit beside.
 */
export async function saveTestsOnServer(server: Server, graph: Graph, tests: GraphTests): Promise<number> {
  const version = await server.runs.saveIfChanged();
  await graphTestsApi.save(server.api, graph.id, version, tests);
  return version;
}

/**
 * "Pin as expected": a case with the graph's current inputs whose golden is the table output as the
 * preview shows it now (of the browser run, or of the server run on the canvas); saved beside the
 * graph on the server when there is one.
 */
export async function pinOutput(
  deps: { store: EditorStore; browser: BrowserRunner; source: PreviewSource; server: Server | undefined },
  output: { nodeId: string; portId: string; totalRows: number },
): Promise<void> {
  const { store, browser, source, server } = deps;
  const endpoint = `${output.nodeId}.${output.portId}`;
  try {
    const pages = source instanceof ServerPreviews ? await source.tablePages(output.nodeId, output.portId, output.totalRows) : undefined;
    const assertion = await browser.pin(output.nodeId, output.portId, pages);
    const graph = store.getState().graph;
    const added = graphTestsStore.addCase(graph.id, { name: `${endpoint} as pinned`, expect: [assertion] });
    if (server) await saveTestsOnServer(server, graph, graphTestsStore.view(graph.id).tests);
    store.notify(`Pinned ${endpoint} as expected: test case "${added.name}"${server ? ', saved on the server' : ''}.`);
  } catch (error) {
    store.notify(`Not pinned: ${messageOf(error)}`);
  }
}

/** Runs the graph's tests in the browser's runner worker, or on the server beside the saved version. */
export async function runTests(
  deps: { store: EditorStore; browser: BrowserRunner; server: Server | undefined },
  where: 'browser' | 'server',
): Promise<void> {
  const graph = deps.store.getState().graph;
  const { tests } = graphTestsStore.view(graph.id);
  graphTestsStore.update(graph.id, { running: true, error: undefined });
  try {
    if (where === 'browser') {
      const verdicts = await deps.browser.runTests(graph, tests);
      graphTestsStore.update(graph.id, { verdicts, ranOn: 'browser' });
      return;
    }
    const server = deps.server;
    if (!server) throw new Error('there is no server to run them on.');
    const version = await saveTestsOnServer(server, graph, tests);
    const ran = await graphTestsApi.run(server.api, graph.id, version);
    graphTestsStore.update(graph.id, { verdicts: ran.cases ?? [], ranOn: 'server' });
  } catch (error) {
    graphTestsStore.update(graph.id, { error: `The tests did not run: ${messageOf(error)}` });
  } finally {
    graphTestsStore.update(graph.id, { running: false });
  }
}
