import { type InternalNode, Panel, type ReactFlowState, useReactFlow, useStore, useStoreApi } from '@xyflow/react';
import { type PointerEvent, useEffect, useMemo, useRef } from 'react';
import { boundsOf, type MapBox, mapPointToFlow, mapView, maskPath, minimapPaths, viewportRect } from '../canvas/minimap-geometry';
import { portColors } from '../canvas/port-colors';

const width = 200;
const height = 150;
const colors = { node: portColors.table, note: '#f2d16b', selected: '#0b3d6e' } as const;

const selectNodes = (s: ReactFlowState) => s.nodes;
const selectTransform = (s: ReactFlowState) => s.transform;
const selectWidth = (s: ReactFlowState) => s.width;
const selectHeight = (s: ReactFlowState) => s.height;

function boxOf(node: InternalNode): MapBox | undefined {
  if (node.hidden) return undefined;
  const w = node.measured.width ?? node.width ?? 0;
  const h = node.measured.height ?? node.height ?? 0;
  if (!(w > 0 && h > 0)) return undefined;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: w, height: h, layer: node.selected ? 'selected' : node.type === 'note' ? 'note' : 'node' };
}

/**
 * The minimap: every node drawn as part of one SVG path per colour, rebuilt only when the nodes
 * change, and the shaded viewport redrawn as the canvas pans. Drag to pan, wheel to zoom, click to centre.
 */
export function CanvasMiniMap({ ariaLabel }: { ariaLabel: string }) {
  const flow = useReactFlow();
  const rf = useStoreApi();
  const nodes = useStore(selectNodes);
  const transform = useStore(selectTransform);
  const paneWidth = useStore(selectWidth);
  const paneHeight = useStore(selectHeight);
  const svg = useRef<SVGSVGElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the boxes are read from React Flow's lookup, which changes with `nodes`
  const { paths, bounds } = useMemo(() => {
    const boxes: MapBox[] = [];
    for (const node of rf.getState().nodeLookup.values()) {
      const box = boxOf(node);
      if (box) boxes.push(box);
    }
    return { paths: minimapPaths(boxes), bounds: boundsOf(boxes) };
  }, [nodes, rf]);

  const viewport = viewportRect(transform, paneWidth, paneHeight);
  const view = mapView(bounds, viewport, width, height);
  const viewRef = useRef(view);
  viewRef.current = view;
  const drag = useRef<{ x: number; y: number; moved: boolean } | undefined>(undefined);
  const move = useRef({ dx: 0, dy: 0 });

  // A native listener: React's wheel listeners are passive, and the page must not scroll under the map.
  useEffect(() => {
    const element = svg.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { zoom } = flow.getViewport();
      void flow.zoomTo(zoom * 2 ** (-event.deltaY * 0.002));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [flow]);

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0) return;
    // Otherwise the drag also selects the text of every card it passes over, which is costly to paint.
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, moved: false };
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    if (dx === 0 && dy === 0) return;
    drag.current = { x: event.clientX, y: event.clientY, moved: true };
    // Moves between two frames are summed and applied once: the canvas is redrawn at most once a frame.
    const pending = move.current;
    move.current = { dx: pending.dx + dx, dy: pending.dy + dy };
    if (pending.dx !== 0 || pending.dy !== 0) return;
    requestAnimationFrame(() => {
      const { dx: mx, dy: my } = move.current;
      move.current = { dx: 0, dy: 0 };
      // The viewport box follows the pointer: a minimap pixel is `unitsPerPixel` flow units.
      const { x, y, zoom } = flow.getViewport();
      const units = viewRef.current.unitsPerPixel * zoom;
      void flow.setViewport({ x: x - mx * units, y: y - my * units, zoom });
    });
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    const start = drag.current;
    drag.current = undefined;
    if (!start || start.moved) return;
    // A click without a drag centres the canvas on that point.
    const box = event.currentTarget.getBoundingClientRect();
    const at = mapPointToFlow(viewRef.current, event.clientX - box.left, event.clientY - box.top, width, height);
    void flow.setCenter(at.x, at.y, { zoom: flow.getViewport().zoom });
  };

  const { viewBox } = view;
  return (
    <Panel position="bottom-right" className="react-flow__minimap canvas-minimap">
      <svg
        ref={svg}
        width={width}
        height={height}
        viewBox={`${viewBox.x} ${viewBox.y} ${viewBox.width} ${viewBox.height}`}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={ariaLabel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          drag.current = undefined;
        }}
      >
        <path d={paths.node} fill={colors.node} shapeRendering="crispEdges" />
        <path d={paths.note} fill={colors.note} shapeRendering="crispEdges" />
        <path d={paths.selected} fill={colors.selected} shapeRendering="crispEdges" />
        <path className="react-flow__minimap-mask" d={maskPath(viewBox, viewport)} fillRule="evenodd" pointerEvents="none" />
      </svg>
    </Panel>
  );
}
