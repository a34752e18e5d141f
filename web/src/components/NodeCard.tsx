import { countText, type GraphNode, type Issue, type PortKind, type PortSpec } from '@causeway/sdk';
import { type NodeProps, useStoreApi } from '@xyflow/react';
import { memo, useCallback, useRef, useSyncExternalStore } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { farZoom, onZoomedNear } from '../canvas/far-zoom';
import { placeholderPorts, placeholderReason } from '../canvas/placeholders';
import { categoryColors } from '../canvas/port-colors';
import type { FlowNode } from '../canvas/to-flow';
import { nodeIndex } from '../canvas/to-flow';
import type { DiffMark } from '../graphs/compare-graphs';
import { useDiffMark } from '../graphs/diff-marks';
import type { NodeBadge, NodePlace } from '../runner/run-view';
import { PortHandle } from './PortHandle';
import { PlaceBadge, RunBadge } from './RunBadge';

const noIssues: readonly Issue[] = [];

/** One node on the canvas: title, typed ports, run badge and validation issues. Reads only its own slice of the store. */
export const NodeCard = memo(function NodeCard({ id, selected }: NodeProps<FlowNode>) {
  const { store } = useEditorServices();
  // One subscription per card; it re-renders only when one of these changes.
  const view = useEditor((s) => {
    const node = nodeIndex(s.graph).get(id);
    const known = node !== undefined && store.catalog.definitionOf(node) !== undefined;
    return {
      node,
      issues: s.analysis.byNode.get(id) ?? noIssues,
      badge: s.run.badges.get(id),
      place: s.run.places.get(id),
      preview: s.preview?.startsWith(`${id}.`) ? s.preview : undefined,
      placeholder:
        node && !known ? { reason: placeholderReason(s.graph, node, store.catalog.plugins), ...placeholderPorts(s.graph, id) } : undefined,
    };
  }, sameView);
  const mark = useDiffMark(id);
  if (!view.node) return null;
  return (
    <NodeCardView
      node={view.node}
      issues={view.issues}
      selected={selected}
      badge={view.badge}
      place={view.place}
      preview={view.preview}
      placeholder={view.placeholder}
      onShow={(port) => store.showPreview(`${id}.${port}`)}
      mark={mark}
    />
  );
});

type CardView = {
  node: GraphNode | undefined;
  issues: readonly Issue[];
  badge: NodeBadge | undefined;
  place: NodePlace | undefined;
  preview: string | undefined;
  placeholder: Placeholder | undefined;
};

function sameView(a: CardView, b: CardView): boolean {
  return (
    a.node === b.node &&
    a.issues === b.issues &&
    a.badge === b.badge &&
    a.place === b.place &&
    a.preview === b.preview &&
    a.placeholder?.reason === b.placeholder?.reason &&
    a.placeholder?.inputs.join() === b.placeholder?.inputs.join() &&
    a.placeholder?.outputs.join() === b.placeholder?.outputs.join()
  );
}

/** A node whose type is not installed: why, and the ports its edges name. */
export interface Placeholder {
  reason: string;
  inputs: readonly string[];
  outputs: readonly string[];
}

export interface NodeCardViewProps {
  node: GraphNode;
  issues: readonly Issue[];
  selected: boolean;
  badge: Parameters<typeof RunBadge>[0]['badge'];
  /** Set when the server ran the node inside PostgreSQL. */
  place?: Parameters<typeof PlaceBadge>[0]['place'];
  preview: string | undefined;
  /** Set when the node's type is not installed here. */
  placeholder?: Placeholder | undefined;
  onShow: (port: string) => void;
  /** In the compare view: added, removed or changed since the older version. */
  mark?: DiffMark | undefined;
}

/** The card itself, free of the store (Storybook renders it directly). */
export function NodeCardView({ node, issues, selected, badge, place, preview, placeholder, onShow, mark }: NodeCardViewProps) {
  const { store } = useEditorServices();
  const detailed = useDetailOnceNear();
  const definition = store.catalog.definitionOf(node);
  const failed = badge?.state === 'failed' || badge?.state === 'refused';
  // A placeholder already says which plugin it needs; its list shows the other issues.
  const listed = definition ? issues : issues.filter((i) => i.code !== 'PLUGIN_MISSING');
  const classes = [
    'node-card',
    selected && 'selected',
    issues.length > 0 && 'has-issues',
    failed && 'failed',
    badge?.state === 'stale' && 'stale',
    !definition && 'unknown placeholder',
    mark && `diff-${mark}`,
  ]
    .filter(Boolean)
    .join(' ');
  const unknownPort = { kind: 'unknown', optional: false, multiple: true } as const;
  const inputs: Array<[string, CardPort]> = definition
    ? Object.entries<PortSpec>(definition.inputs)
    : (placeholder?.inputs ?? []).map((id) => [id, unknownPort]);
  const outputs: Array<[string, CardPort]> = definition
    ? Object.entries<PortSpec>(definition.outputs)
    : (placeholder?.outputs ?? []).map((id) => [id, unknownPort]);
  return (
    <article className={classes} aria-label={`${node.label ?? definition?.title ?? node.type} (${node.id})`} data-node-id={node.id}>
      <header style={{ borderTopColor: definition ? categoryColors[definition.category] : '#8a1c1c' }}>
        <span className="node-title">{node.label ?? definition?.title ?? node.type}</span>
        <span className="node-id">{node.id}</span>
        <RunBadge badge={badge} />
        <PlaceBadge place={place} />
        {mark && <span className={`diff-mark diff-mark-${mark}`}>{mark}</span>}
      </header>
      {!definition && (
        <p className="node-unknown" data-testid="placeholder-reason">
          {placeholder?.reason ?? `Unknown node type “${node.type}” v${node.version}. It cannot run until its plugin is installed.`}
        </p>
      )}
      <div className="node-ports">
        <div className="node-inputs">
          {inputs.map(([portId, spec]) => (
            <PortHandle
              key={portId}
              nodeId={node.id}
              portId={portId}
              kind={spec.kind}
              side="input"
              optional={spec.optional}
              multiple={spec.multiple}
            />
          ))}
        </div>
        <div className="node-outputs">
          {outputs.map(([portId, spec]) => (
            <PortHandle
              key={portId}
              nodeId={node.id}
              portId={portId}
              kind={spec.kind}
              side="output"
              onShow={() => onShow(portId)}
              active={preview === `${node.id}.${portId}`}
              compact={!detailed}
            />
          ))}
        </div>
      </div>
      {detailed && (badge?.state === 'done' || badge?.state === 'stale') && badge.outputs && (
        <OutputSummaryLine outputs={badge.outputs} stale={badge.state === 'stale'} />
      )}
      {detailed && failed && (
        <p className="node-error" data-code={badge.code}>
          {badge.message}
        </p>
      )}
      {detailed && listed.length > 0 && (
        <ul className="node-issues" aria-label={`${listed.length} issue${listed.length === 1 ? '' : 's'}`}>
          {listed.slice(0, 3).map((issue) => (
            <li key={`${issue.code}:${issue.path.join('.')}:${issue.message}`}>{issue.message}</li>
          ))}
          {listed.length > 3 && <li>… and {listed.length - 3} more</li>}
        </ul>
      )}
    </article>
  );
}

function OutputSummaryLine({ outputs, stale }: { outputs: Record<string, { kind: string; rows?: number }>; stale: boolean }) {
  const parts = Object.entries(outputs).flatMap(([port, summary]) =>
    summary.kind === 'table' && summary.rows !== undefined ? [`${port}: ${countText(summary.rows, 'row')}`] : [],
  );
  if (parts.length === 0) return null;
  return stale ? (
    <p className="node-summary stale" title="From the last run, before an edit">
      {parts.join(' · ')}
    </p>
  ) : (
    <p className="node-summary">{parts.join(' · ')}</p>
  );
}

/**
 * Whether the card draws its texts: not while it has only been seen zoomed far out (lighter to mount),
 * and from the first time it is seen near on. Hiding them again far out is left to CSS (the canvas
 * root's data-far), so zooming out re-renders no card.
 */
function useDetailOnceNear(): boolean {
  const canvas = useStoreApi();
  const shown = useRef(false);
  // Told only when the canvas zooms from far to near (see onZoomedNear), not on every pan or zoom.
  const subscribe = useCallback((changed: () => void) => onZoomedNear(canvas, changed), [canvas]);
  const read = () => shown.current || canvas.getState().transform[2] >= farZoom;
  shown.current = useSyncExternalStore(subscribe, read);
  return shown.current;
}

/** What a card draws of a port; `unknown` on placeholders, whose ports are known only by name. */
type CardPort = { kind: PortKind | 'unknown'; optional: boolean; multiple: boolean };
