import type { Graph, GraphNode, NodeRegistry, PortSpec } from '@causeway/sdk';
import { useMemo, useState } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { checkConnection } from '../canvas/check-connection';
import { connectPorts } from '../canvas/editor-actions';
import { graphEdits } from '../canvas/graph-edits';
import { asConnection, type InputLinks, inputLinks, upstreamChoices } from './port-links';

const kindText = (spec: PortSpec) => `${spec.kind}${spec.optional ? ', optional' : ''}${spec.multiple ? ', takes several' : ''}`;

/**
 * The node's inputs, each with what feeds it and a list of the outputs that may: connecting from the
 * keyboard, with the same check (and the same refusal messages) as dragging a connection.
 */
export function InputsSection({ node }: { node: GraphNode }) {
  const { store } = useEditorServices();
  const graph = useEditor((s) => s.graph);
  const registry = useEditor(() => store.registry);
  const links = useMemo(() => inputLinks(graph, registry, node.id), [graph, registry, node.id]);
  if (links.length === 0) return null;
  const connect = (from: string, to: string) => {
    const check = checkConnection(store.getState().graph, store.registry, asConnection(from, to));
    if (check.ok) connectPorts(store, check.from, check.to, check.replaces);
    else store.notify(`Connection refused: ${check.reason}`);
  };
  const disconnect = (from: string, to: string) => store.commit(graphEdits.removeEdges(store.getState().graph, [{ from, to }]));
  return (
    <fieldset className="port-links">
      <legend>Inputs</legend>
      {links.map((link) => (
        <InputLink
          key={link.port}
          nodeId={node.id}
          graph={graph}
          registry={registry}
          link={link}
          onConnect={(from) => connect(from, `${node.id}.${link.port}`)}
          onDisconnect={(from) => disconnect(from, `${node.id}.${link.port}`)}
        />
      ))}
    </fieldset>
  );
}

function InputLink({
  nodeId,
  graph,
  registry,
  link,
  onConnect,
  onDisconnect,
}: {
  nodeId: string;
  graph: Graph;
  registry: NodeRegistry;
  link: InputLinks;
  onConnect: (from: string) => void;
  onDisconnect: (from: string) => void;
}) {
  const [picked, setPicked] = useState('');
  // Listing the choices walks the graph once per output: only once the list is about to be used.
  const [wanted, setWanted] = useState(false);
  const choices = useMemo(
    () => (wanted ? upstreamChoices(graph, registry, nodeId, link.port) : []),
    [wanted, graph, registry, nodeId, link.port],
  );
  const id = `input-${nodeId}-${link.port}`;
  const replaces = link.connected.length > 0 && !link.spec.multiple;
  const chosen = choices.some((c) => c.from === picked) ? picked : '';
  return (
    <div className="field port-link">
      <label htmlFor={id}>
        {link.port} <small>{kindText(link.spec)}</small>
      </label>
      {link.connected.length === 0 ? (
        <p className="muted">Not connected.</p>
      ) : (
        <ul className="port-sources" aria-label={`Connected to ${link.port}`}>
          {link.connected.map((from) => (
            <li key={from}>
              <code>{from}</code>
              <button type="button" aria-label={`Disconnect ${from} from ${link.port}`} onClick={() => onDisconnect(from)}>
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="port-connect">
        <select
          id={id}
          value={chosen}
          onFocus={() => setWanted(true)}
          onPointerDown={() => setWanted(true)}
          onChange={(e) => setPicked(e.target.value)}
        >
          <option value="">
            {!wanted || choices.length > 0 ? 'Choose an output…' : link.connected.length > 0 ? 'No other output fits' : 'No output fits'}
          </option>
          {choices.map((c) => (
            <option key={c.from} value={c.from}>
              {c.label}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!chosen}
          aria-label={replaces ? `Replace what feeds ${link.port}` : `Connect to ${link.port}`}
          onClick={() => {
            onConnect(chosen);
            setPicked('');
          }}
        >
          {replaces ? 'Replace' : 'Connect'}
        </button>
      </div>
    </div>
  );
}

/** The node's outputs as buttons that open their preview: the keyboard's way to the data. */
export function OutputsSection({ node }: { node: GraphNode }) {
  const { store } = useEditorServices();
  const preview = useEditor((s) => s.preview);
  const definition = store.catalog.definitionOf(node);
  const outputs = definition ? Object.entries<PortSpec>(definition.outputs) : [];
  if (outputs.length === 0) return null;
  return (
    <fieldset className="port-links">
      <legend>Outputs</legend>
      <ul className="port-outputs">
        {outputs.map(([port, spec]) => (
          <li key={port}>
            <button
              type="button"
              aria-pressed={preview === `${node.id}.${port}`}
              onClick={() => store.showPreview(`${node.id}.${port}`)}
              title={`Show the ${spec.kind} ${node.id}.${port} in the results panel`}
            >
              Show {port}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
