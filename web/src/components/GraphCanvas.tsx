import {
  Background,
  ControlButton,
  Controls,
  type FinalConnectionState,
  type IsValidConnection,
  type OnConnect,
  type OnEdgesChange,
  type OnNodesChange,
  ReactFlow,
  type ReactFlowState,
  useReactFlow,
  useStore,
  useStoreApi,
  type Viewport,
} from '@xyflow/react';
import { type DragEvent, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { useFit } from '../app/use-fit';
import { checkConnection } from '../canvas/check-connection';
import { dropBesidePanel, droppedCardRoom } from '../canvas/drop-beside-panel';
import { addNodeOfType, connectPorts } from '../canvas/editor-actions';
import { farZoom, zoomedNear } from '../canvas/far-zoom';
import { freeSpot } from '../canvas/free-spot';
import { graphEdits } from '../canvas/graph-edits';
import { initialViewport } from '../canvas/initial-viewport';
import { type FlowEdge, type FlowNode, toFlowEdges, toFlowNodes } from '../canvas/to-flow';
import { CanvasMiniMap } from './CanvasMiniMap';
import { FarEdges } from './FarEdges';
import { NodeCard } from './NodeCard';
import { NoteCard } from './NoteCard';

const nodeTypes = { causeway: NodeCard, note: NoteCard };
const noEdges: FlowEdge[] = [];
type Size = { width?: number; height?: number };

const minimapKey = 'causeway.minimap';

/** MIME type of a node type dragged from the palette. */
export const nodeDragType = 'application/x-causeway-node';

/** The canvas: React Flow drawing the store's graph; every edit goes back through the store (and its undo history). */
export function GraphCanvas({ onMeasured }: { onMeasured?: (sizes: ReadonlyMap<string, Size>) => void }) {
  const { store } = useEditorServices();
  const graph = useEditor((s) => s.graph);
  const selection = useEditor((s) => s.selection);
  // Replaced when the worker's plugins arrive after the page has drawn (edge colours, port estimates).
  const registry = useEditor(() => store.registry);
  const flow = useReactFlow<FlowNode, FlowEdge>();
  const { fit, fitAll } = useFit();
  const [mapShown, setMapShown] = useState(() => localStorage.getItem(minimapKey) !== 'hidden');
  const toggleMap = () => {
    localStorage.setItem(minimapKey, mapShown ? 'hidden' : 'shown');
    setMapShown(!mapShown);
  };
  // Far out, FarEdges draws the edges (see there) and React Flow gets none.
  const far = useStore(isFar);
  // The pane's size is read once, before React Flow mounts, to open the graph already framed.
  const host = useRef<HTMLDivElement>(null);
  const [opening, setOpening] = useState<Viewport>();
  useLayoutEffect(() => {
    if (opening || !host.current) return;
    const { width, height } = host.current.getBoundingClientRect();
    setOpening(initialViewport(store.getState().graph, width, height));
  }, [opening, store]);
  // Sizes React Flow measured. A ref, not state: React Flow already holds them for the node objects
  // we keep, so recording them must not re-render 1,000 nodes once per measuring batch.
  const measured = useRef(new Map<string, Size>());
  const previousNodes = useRef(new Map<string, FlowNode>());
  const previousEdges = useRef<{ registry?: typeof store.registry; edges: Map<string, FlowEdge> }>({ edges: new Map() });

  const nodes = useMemo(() => {
    const list = toFlowNodes(graph, selection, measured.current, previousNodes.current, registry);
    previousNodes.current = new Map(list.map((n) => [n.id, n]));
    return list;
  }, [graph, selection, registry]);
  const edges = useMemo(() => {
    // Edges keep their objects across edits, but not across a new registry: their colours may change.
    const previous = previousEdges.current.registry === registry ? previousEdges.current.edges : new Map<string, FlowEdge>();
    const list = toFlowEdges(graph, registry, selection, previous);
    previousEdges.current = { registry, edges: new Map(list.map((e) => [e.id, e])) };
    return list;
  }, [graph, selection, registry]);

  const onNodesChange: OnNodesChange<FlowNode> = useCallback(
    (changes) => {
      const positions = new Map<string, [number, number]>();
      const sizes: Array<[string, Size]> = [];
      let selected: Set<string> | undefined;
      let dragEnded = false;
      for (const change of changes) {
        if (change.type === 'position') {
          if (change.position) positions.set(change.id, [change.position.x, change.position.y]);
          if (change.dragging === false) dragEnded = true;
        } else if (change.type === 'dimensions' && change.dimensions) {
          sizes.push([change.id, { width: change.dimensions.width, height: change.dimensions.height }]);
        } else if (change.type === 'select') {
          selected ??= new Set(store.getState().selection);
          if (change.selected) selected.add(change.id);
          else selected.delete(change.id);
        }
      }
      if (positions.size > 0) store.drag(graphEdits.move(store.getState().graph, positions));
      if (dragEnded) store.endDrag();
      if (selected) store.select(selected);
      if (sizes.length > 0) {
        for (const [id, size] of sizes) measured.current.set(id, size);
        onMeasured?.(measured.current);
      }
    },
    [store, onMeasured],
  );

  const onEdgesChange: OnEdgesChange<FlowEdge> = useCallback(
    (changes) => {
      let selected: Set<string> | undefined;
      for (const change of changes) {
        if (change.type !== 'select') continue;
        selected ??= new Set(store.getState().selection);
        if (change.selected) selected.add(change.id);
        else selected.delete(change.id);
      }
      if (selected) store.select(selected);
    },
    [store],
  );

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback(
    (c) => checkConnection(store.getState().graph, store.registry, c).ok,
    [store],
  );

  const onConnect: OnConnect = useCallback(
    (c) => {
      const check = checkConnection(store.getState().graph, store.registry, c);
      if (check.ok) connectPorts(store, check.from, check.to, check.replaces);
      else store.notify(check.reason);
    },
    [store],
  );

  // Say why a drop on a port was refused, where the user looks: the status line.
  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid || !state.toHandle || !state.fromHandle) return;
      const [out, input] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle];
      const check = checkConnection(store.getState().graph, store.registry, {
        source: out.nodeId,
        sourceHandle: out.id ?? null,
        target: input.nodeId,
        targetHandle: input.id ?? null,
      });
      if (!check.ok) store.notify(`Connection refused: ${check.reason}`);
    },
    [store],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(nodeDragType)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(nodeDragType);
      if (!type) return;
      event.preventDefault();
      let point = { x: event.clientX, y: event.clientY };
      // Dropped on the minimap or the zoom controls, the card goes beside them, not hidden under them.
      const panel = event.target instanceof Element ? event.target.closest('.react-flow__panel') : null;
      if (panel) {
        const { zoom } = flow.getViewport();
        const card = {
          width: droppedCardRoom.width * zoom,
          height: droppedCardRoom.height * zoom,
          offsetX: 100 * zoom,
          offsetY: 30 * zoom,
        };
        point = dropBesidePanel(point, panel.getBoundingClientRect(), event.currentTarget.getBoundingClientRect(), card);
      }
      const at = flow.screenToFlowPosition(point);
      // Dropped on a card, the new one goes just below the cards there rather than on top of them.
      addNodeOfType(store, type, freeSpot([at.x - 100, at.y - 30], store.getState().graph.nodes, measured.current));
    },
    [flow, store],
  );

  if (!opening) return <div ref={host} style={{ width: '100%', height: '100%' }} />;
  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={far ? noEdges : edges}
      nodeTypes={nodeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      onConnect={onConnect}
      onConnectEnd={onConnectEnd}
      isValidConnection={isValidConnection}
      onDragOver={onDragOver}
      onDrop={onDrop}
      deleteKeyCode={null}
      selectionKeyCode="Shift"
      multiSelectionKeyCode={['Meta', 'Control']}
      onlyRenderVisibleElements
      minZoom={0.05}
      maxZoom={2}
      defaultViewport={opening}
      proOptions={{ hideAttribution: true }}
      ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select, arrow keys to move.' }}
    >
      <Background gap={20} />
      {mapShown && <CanvasMiniMap ariaLabel="Mini map" />}
      <FarAttribute />
      {far && <FarEdges edges={edges} />}
      <Controls aria-label="Zoom controls" showFitView={false}>
        <ControlButton onClick={fit} title="Fit (never smaller than readable)" aria-label="Zoom to fit">
          ⤢
        </ControlButton>
        <ControlButton onClick={fitAll} title="Fit all (the whole graph, however small)" aria-label="Fit all">
          ⛶
        </ControlButton>
        <ControlButton
          onClick={toggleMap}
          title={mapShown ? 'Hide the mini map' : 'Show the mini map'}
          aria-pressed={mapShown}
          aria-label="Mini map"
        >
          ▣
        </ControlButton>
      </Controls>
    </ReactFlow>
  );
}

const isFar = (s: ReactFlowState) => s.transform[2] < farZoom;

/**
 * Zoomed far out, labels are unreadable and the cards draw lighter. One attribute on the canvas root
 * switches every card at once through CSS, so crossing the threshold re-renders no card.
 */
function FarAttribute() {
  const far = useStore(isFar);
  const root = useStore((s) => s.domNode);
  const canvas = useStoreApi();
  useLayoutEffect(() => {
    // An attribute React does not manage: a re-render of the canvas root cannot drop it.
    root?.toggleAttribute('data-far', far);
    if (!far) zoomedNear(canvas);
  }, [root, far, canvas]);
  return null;
}
