import type { Graph, RunEvent } from '@causeway/sdk';
import { ReactFlowProvider } from '@xyflow/react';
import type { ReactNode } from 'react';
import { EditorContext } from '../app/editor-context';
import { EditorStore } from '../canvas/editor-store';
import { EditorCatalog } from '../registry';
import { BrowserRunner } from '../runner/browser-runner';
import { localAnalyzer } from '../runner/full-analysis';
import { storyRegistry } from './story-nodes';

/** Wraps a story in an editor holding `graph`, with run events applied and nodes selected. */
export function StoryEditor({
  graph,
  events = [],
  select = [],
  children,
}: {
  graph: Graph;
  events?: RunEvent[];
  select?: string[];
  children: ReactNode;
}) {
  const registry = storyRegistry();
  const store = new EditorStore(graph, EditorCatalog.fromRegistry(registry), { analyzer: localAnalyzer(registry), delayMs: 0 });
  for (const event of events) store.runEvent(event);
  store.select(select);
  return (
    <EditorContext.Provider value={{ store, runner: new BrowserRunner() }}>
      <ReactFlowProvider>{children}</ReactFlowProvider>
    </EditorContext.Provider>
  );
}

/** A graph of the given nodes in a row. */
export function storyGraph(
  nodes: Array<{ id: string; type: string; config?: Record<string, unknown>; label?: string }>,
  edges: Graph['edges'] = [],
): Graph {
  return {
    format: 'causeway.graph/1',
    id: 'story',
    name: 'Story',
    nodes: nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      version: 1,
      config: n.config ?? {},
      position: [(i % 3) * 300, Math.floor(i / 3) * 200],
      ...(n.label ? { label: n.label } : {}),
    })),
    edges,
  };
}

/** A three-row inline table config. */
export const peopleTable = {
  columns: [
    { name: 'age', type: 'integer' },
    { name: 'city', type: 'string' },
    { name: 'churned', type: 'boolean' },
  ],
  rows: [
    [31, 'Oslo', false],
    [45, 'Lima', true],
    [27, 'Oslo', false],
  ],
};
