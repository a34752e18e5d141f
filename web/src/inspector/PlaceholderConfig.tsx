import type { Graph, GraphNode } from '@causeway/sdk';
import { useEditorServices } from '../app/editor-context';
import { placeholderReason } from '../canvas/placeholders';

/**
 * A node whose type is not installed: why it cannot run, and its config shown as it is. There is no
 * form (the schema is the plugin's), and the config is kept verbatim so saving changes nothing.
 */
export function PlaceholderConfig({ node, requires }: { node: GraphNode; requires: Graph['requires'] }) {
  const { store } = useEditorServices();
  const graph = { ...store.getState().graph, requires };
  return (
    <section className="placeholder-config" aria-label="Placeholder">
      <p role="note">{placeholderReason(graph, node, store.catalog.plugins)}</p>
      <label htmlFor="placeholder-config">Config (kept as it is)</label>
      <textarea id="placeholder-config" className="mono" readOnly rows={8} value={JSON.stringify(node.config, null, 2)} />
    </section>
  );
}
