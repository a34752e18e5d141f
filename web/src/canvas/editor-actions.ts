import { type GraphEdge, type PortSpec, splitEndpoint } from '@causeway/sdk';
import { copySelection, pasteGraph } from './clipboard-graph';
import type { EditorStore } from './editor-store';
import { boundsOf, freeSpot } from './free-spot';
import { edgeKey, graphEdits } from './graph-edits';
import { initialConfig } from './initial-config';
import { idBaseOf, newId } from './new-id';

/** Ids of everything on the canvas (nodes and notes), which new ids must avoid. */
function takenIds(store: EditorStore): Set<string> {
  const { graph } = store.getState();
  return new Set([...graph.nodes.map((n) => n.id), ...(graph.notes ?? []).map((n) => n.id)]);
}

/**
 * Adds a node of a type at a position and selects it. With `after`, the new node is fed from the
 * first output of `after` that fits one of its inputs (quick-add next to the selected node).
 */
export function addNodeOfType(store: EditorStore, type: string, position: readonly [number, number], after?: string): string | undefined {
  const definition = store.catalog.latest(type);
  if (!definition) {
    store.notify(`Unknown node type “${type}”.`);
    return undefined;
  }
  const id = newId(idBaseOf(type), takenIds(store));
  let graph = graphEdits.addNode(store.getState().graph, {
    id,
    type,
    version: definition.version,
    config: initialConfig(definition),
    position: [Math.round(position[0]), Math.round(position[1])],
  });
  // A plugin's node pins the plugin, so the graph says what it needs wherever it is opened or run.
  const plugin = store.catalog.pluginOf(type);
  if (plugin) graph = graphEdits.require(graph, plugin.name, `^${plugin.version}`);
  const source = after ? graph.nodes.find((n) => n.id === after) : undefined;
  const sourceDef = source ? store.catalog.definitionOf(source) : undefined;
  if (source && sourceDef) {
    const edge = firstFit(source.id, sourceDef.outputs, id, definition.inputs);
    if (edge) graph = graphEdits.connect(graph, edge, true);
  }
  store.commit(graph);
  store.select([id]);
  return id;
}

function firstFit(
  from: string,
  outputs: Record<string, PortSpec>,
  to: string,
  inputs: Record<string, { kind: PortSpec['kind'] }>,
): GraphEdge | undefined {
  for (const [outId, out] of Object.entries(outputs)) {
    for (const [inId, input] of Object.entries(inputs))
      if (out.kind === input.kind) return { from: `${from}.${outId}`, to: `${to}.${inId}` };
  }
  return undefined;
}

/** Deletes the selected nodes, notes and edges as one undo step. */
export function deleteSelection(store: EditorStore): void {
  const { graph, selection } = store.getState();
  if (selection.size === 0) return;
  const edges = graph.edges.filter((e) => selection.has(edgeKey(e)));
  store.commit(graphEdits.remove(graphEdits.removeEdges(graph, edges), selection));
  store.select([]);
}

/** The selection as graph JSON for the clipboard, or undefined when nothing is selected. */
export function copyText(store: EditorStore): string | undefined {
  const { graph, selection } = store.getState();
  return copySelection(graph, selection);
}

/**
 * Pastes graph JSON from the clipboard, a little right of and below where it was copied from, then
 * further down until it covers no card (measured `sizes` where known).
 */
export function pasteText(
  store: EditorStore,
  text: string,
  sizes: ReadonlyMap<string, { width?: number; height?: number }> = new Map(),
): void {
  const { graph } = store.getState();
  const trial = pasteGraph(graph, text, [0, 0]);
  if (!trial.ok) {
    store.notify(trial.reason);
    return;
  }
  const pasted = new Set(trial.value.ids);
  const placed = [...trial.value.graph.nodes, ...(trial.value.graph.notes ?? [])].filter((n) => pasted.has(n.id));
  const box = boundsOf(placed.map((n) => n.position));
  const others = [...graph.nodes, ...(graph.notes ?? [])];
  const [x, y] = freeSpot([box.x + 40, box.y + 40], others, sizes, box);
  const result = pasteGraph(graph, text, [x - box.x, y - box.y]);
  if (!result.ok) return;
  store.commit(result.value.graph);
  store.select(result.value.ids);
}

export function selectAll(store: EditorStore): void {
  const { graph } = store.getState();
  store.select([...graph.nodes.map((n) => n.id), ...(graph.notes ?? []).map((n) => n.id)]);
}

export function addNote(store: EditorStore, position: readonly [number, number]): void {
  const id = newId('note', takenIds(store));
  store.commit(
    graphEdits.addNote(store.getState().graph, {
      id,
      text: '',
      position: [Math.round(position[0]), Math.round(position[1])],
      size: [220, 120],
    }),
  );
  store.select([id]);
}

/** Connects two ports as one undo step, replacing the edge into a single input that is already fed. */
export function connectPorts(store: EditorStore, from: string, to: string, replaces: boolean): void {
  if (!splitEndpoint(from) || !splitEndpoint(to)) return;
  store.commit(graphEdits.connect(store.getState().graph, { from, to }, replaces));
}
