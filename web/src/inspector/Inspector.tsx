import type { GraphNode, Issue } from '@causeway/sdk';
import { useEffect, useMemo, useState } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { graphEdits } from '../canvas/graph-edits';
import { nodeIndex } from '../canvas/to-flow';
import { FieldInput } from './FieldInput';
import { issuesOutsideForm, issuesUnder } from './field-context';
import { formOf } from './form-model';
import { inputColumns, outputColumns } from './input-columns';
import { PlaceholderConfig } from './PlaceholderConfig';
import { InputsSection, OutputsSection } from './PortLinks';

const none: readonly Issue[] = [];

/** The form of the selected node, generated from its zod config, each field with its issue. */
export function Inspector({ onRunTo }: { onRunTo: (nodeId: string) => void }) {
  const selection = useEditor((s) => s.selection);
  const only = selection.size === 1 ? [...selection][0] : undefined;
  const node = useEditor((s) => (only ? nodeIndex(s.graph).get(only) : undefined));
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="muted">{selection.size > 1 ? `${selection.size} items selected.` : 'Select a node to configure it.'}</p>
      </aside>
    );
  }
  return <NodeInspector key={node.id} node={node} onRunTo={onRunTo} />;
}

function NodeInspector({ node, onRunTo }: { node: GraphNode; onRunTo: (nodeId: string) => void }) {
  const { store, runner } = useEditorServices();
  const issues = useEditor((s) => s.analysis.byNode.get(node.id) ?? none);
  const graph = useEditor((s) => s.graph);
  const ports = useEditor((s) => s.analysis.ports);
  const columns = useMemo(() => inputColumns(graph, ports, node.id), [graph, ports, node.id]);
  const [files, setFiles] = useState<string[]>([]);
  const definition = store.catalog.descriptorOf(node);
  const outputPorts = useMemo(() => Object.keys(definition?.outputs ?? {}), [definition]);
  const ownColumns = useMemo(() => outputColumns(ports, node.id, outputPorts), [ports, node.id, outputPorts]);
  const form = useMemo(() => (definition ? formOf(definition.config) : []), [definition]);
  const requires = useEditor((s) => s.graph.requires);
  const usesFiles = form.some((p) => p.field.kind === 'file');
  useEffect(() => {
    if (usesFiles) runner.fileNames().then(setFiles, () => setFiles([]));
  }, [usesFiles, runner]);

  const setField = (key: string, value: unknown) => {
    const current = nodeIndex(store.getState().graph).get(node.id);
    if (!current) return;
    const config = key === '' ? (value as Record<string, unknown>) : { ...current.config, [key]: value };
    if (key !== '' && value === undefined) delete config[key];
    store.commit(graphEdits.setConfig(store.getState().graph, node.id, config), `config:${node.id}:${key}`);
  };
  const nodeLevel = issuesOutsideForm(
    issues,
    form.map((p) => p.key),
  );

  return (
    <aside className="inspector" aria-label="Inspector">
      <header>
        <h2>{definition?.title ?? node.type}</h2>
        <p className="muted">
          <code>{node.id}</code> · {node.type} v{node.version}
        </p>
        {definition && <p>{definition.description}</p>}
      </header>
      {!definition && <PlaceholderConfig node={node} requires={requires} />}
      <div className="field">
        <label htmlFor="node-label">Label</label>
        <input
          id="node-label"
          type="text"
          value={node.label ?? ''}
          placeholder={definition?.title}
          onChange={(e) => store.commit(graphEdits.setLabel(store.getState().graph, node.id, e.target.value), `label:${node.id}`)}
        />
      </div>
      {nodeLevel.length > 0 && (
        <ul className="field-issues" aria-label="Node issues">
          {nodeLevel.map((i) => (
            <li key={`${i.code}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
      )}
      <InputsSection node={node} />
      <form onSubmit={(e) => e.preventDefault()} aria-label={`Configuration of ${node.id}`}>
        {form.map((property) => (
          <FieldInput
            key={property.key}
            id={`cfg-${property.key || 'all'}`}
            label={property.label}
            description={property.description}
            required={property.required}
            field={property.field}
            path={property.key === '' ? [] : [property.key]}
            value={property.key === '' ? node.config : node.config[property.key]}
            issues={property.key === '' ? issues : issuesUnder(issues, [property.key])}
            columns={columns}
            outputColumns={ownColumns}
            config={node.config}
            files={files}
            onChange={(value) => setField(property.key, value)}
          />
        ))}
      </form>
      <OutputsSection node={node} />
      <button type="button" onClick={() => onRunTo(node.id)}>
        Run up to here
      </button>
    </aside>
  );
}
