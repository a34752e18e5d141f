import type { GraphNode, Issue, PortSpec } from '@causeway/sdk';
import { type NodeProps, type ReactFlowState, useStore } from '@xyflow/react';
import { memo } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { categoryColors } from '../canvas/port-colors';
import type { FlowNode } from '../canvas/to-flow';
import { nodeIndex } from '../canvas/to-flow';
import type { NodeBadge } from '../runner/run-view';
import { PortHandle } from './PortHandle';
import { RunBadge } from './RunBadge';

const noIssues: readonly Issue[] = [];

/** One node on the canvas: title, typed ports, run badge and validation issues. Reads only its own slice of the store. */
export const NodeCard = memo(function NodeCard({ id, selected }: NodeProps<FlowNode>) {
  const { store } = useEditorServices();
  // One subscription per card; it re-renders only when one of these four changes.
  const view = useEditor(
    (s) => ({
      node: nodeIndex(s.graph).get(id),
      issues: s.analysis.byNode.get(id) ?? noIssues,
      badge: s.run.badges.get(id),
      preview: s.preview?.startsWith(`${id}.`) ? s.preview : undefined,
    }),
    sameView,
  );
  if (!view.node) return null;
  return (
    <NodeCardView
      node={view.node}
      issues={view.issues}
      selected={selected}
      badge={view.badge}
      preview={view.preview}
      onShow={(port) => store.showPreview(`${id}.${port}`)}
    />
  );
});

type CardView = { node: GraphNode | undefined; issues: readonly Issue[]; badge: NodeBadge | undefined; preview: string | undefined };

function sameView(a: CardView, b: CardView): boolean {
  return a.node === b.node && a.issues === b.issues && a.badge === b.badge && a.preview === b.preview;
}

export interface NodeCardViewProps {
  node: GraphNode;
  issues: readonly Issue[];
  selected: boolean;
  badge: Parameters<typeof RunBadge>[0]['badge'];
  preview: string | undefined;
  onShow: (port: string) => void;
}

/** The card itself, free of the store (Storybook renders it directly). */
export function NodeCardView({ node, issues, selected, badge, preview, onShow }: NodeCardViewProps) {
  const { store } = useEditorServices();
  // Zoomed far out, labels are unreadable: draw a lighter card (fewer elements to mount while panning).
  const compact = useStore(isFar);
  const definition = store.registry.get(node.type, node.version) ?? store.registry.latest(node.type);
  const failed = badge?.state === 'failed';
  const classes = [
    'node-card',
    compact && 'compact',
    selected && 'selected',
    issues.length > 0 && 'has-issues',
    failed && 'failed',
    !definition && 'unknown',
  ]
    .filter(Boolean)
    .join(' ');
  const inputs = Object.entries<PortSpec>(definition?.inputs ?? {});
  const outputs = Object.entries<PortSpec>(definition?.outputs ?? {});
  return (
    <article className={classes} aria-label={`${node.label ?? definition?.title ?? node.type} (${node.id})`} data-node-id={node.id}>
      <header style={{ borderTopColor: definition ? categoryColors[definition.category] : '#8a1c1c' }}>
        <span className="node-title">{node.label ?? definition?.title ?? node.type}</span>
        <span className="node-id">{node.id}</span>
        <RunBadge badge={badge} />
      </header>
      {!definition && (
        <p className="node-unknown">
          Unknown node type “{node.type}” v{node.version}. It cannot run until its plugin is installed.
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
              compact={compact}
            />
          ))}
        </div>
      </div>
      {!compact && badge?.state === 'done' && <OutputSummaryLine outputs={badge.outputs} />}
      {!compact && failed && <p className="node-error">{badge.message}</p>}
      {!compact && issues.length > 0 && (
        <ul className="node-issues" aria-label={`${issues.length} issue${issues.length === 1 ? '' : 's'}`}>
          {issues.slice(0, 3).map((issue) => (
            <li key={`${issue.code}:${issue.path.join('.')}:${issue.message}`}>{issue.message}</li>
          ))}
          {issues.length > 3 && <li>… and {issues.length - 3} more</li>}
        </ul>
      )}
    </article>
  );
}

function OutputSummaryLine({ outputs }: { outputs: Record<string, { kind: string; rows?: number }> }) {
  const parts = Object.entries(outputs).flatMap(([port, summary]) =>
    summary.kind === 'table' && summary.rows !== undefined ? [`${port}: ${summary.rows.toLocaleString('en')} rows`] : [],
  );
  return parts.length > 0 ? <p className="node-summary">{parts.join(' · ')}</p> : null;
}

const isFar = (s: ReactFlowState) => s.transform[2] < 0.4;
