import { countText, type Graph } from '@causeway/sdk';
import { useEffect, useState } from 'react';
import type { ApiClient, TemplateInfo } from '../api/api-client';
import { categoryColors } from '../canvas/port-colors';
import { Modal } from '../components/Modal';
import { categoryOfType, graphFromTemplate } from './from-template';
import { readGraphText } from './graph-file';
import { TemplateNeeds } from './TemplateNeeds';

/**
 * The templates gallery: each template's name, description and a sketch of its steps. Using one
 * saves a copy on the server as a new graph (version 1) and opens it; the template stays as shipped.
 */
export function TemplatesDialog({
  api,
  canSave,
  onUse,
  onClose,
}: {
  api: ApiClient;
  canSave: boolean;
  onUse: (graph: Graph, version: number | undefined, note: string) => void;
  onClose: () => void;
}) {
  const [templates, setTemplates] = useState<TemplateInfo[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    api.listTemplates().then(
      (page) => live && setTemplates(page.items),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const use = async (template: TemplateInfo) => {
    setBusy(template.id);
    setError(undefined);
    try {
      const stored = await api.getVersion(template.id, 1);
      const parsed = readGraphText(JSON.stringify(stored.graph));
      if (!parsed.ok) throw new Error(parsed.issues[0]?.message ?? 'The template is not a valid graph.');
      const graph = graphFromTemplate(parsed.value, new Date());
      // A role that cannot save still gets the graph on its canvas, to run in the browser.
      const created = canSave ? await api.createGraph(graph, `from template ${template.id}`) : undefined;
      onUse(graph, created?.latestVersion, `Created “${graph.name}” from the template ${template.name}.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setBusy(undefined);
    }
  };

  return (
    <Modal className="graphs-dialog templates-dialog" labelledBy="templates-title" onClose={onClose}>
      <h2 id="templates-title">Start from a template</h2>
      <p className="muted">Each template runs as it is on the bundled sample data.</p>
      {error && (
        <p className="field-issues" role="alert">
          {error}
        </p>
      )}
      {!templates && !error && <p className="muted">Loading templates…</p>}
      {templates?.length === 0 && <p className="muted">The server has no templates (it loads templates/*.json at start).</p>}
      <ul className="template-list" aria-label="Templates">
        {templates?.map((t) => (
          <li key={t.id} className="template-card">
            <h3>{t.name}</h3>
            {t.description && <p>{t.description}</p>}
            <ol className="template-steps" aria-label={`Steps of ${t.name}`}>
              {t.steps.map((step) => (
                <li key={step.id} style={{ borderLeftColor: colorOf(step.type) }} title={step.type}>
                  {step.label ?? step.type}
                </li>
              ))}
            </ol>
            <p className="muted">
              {countText(t.nodeCount, 'node')} · {countText(t.edgeCount, 'connection')} ·{' '}
              <span data-testid="runs-in">
                {t.runsIn.includes('browser') ? 'runs in the browser or on the server' : 'runs on the server'}
              </span>
            </p>
            <TemplateNeeds
              template={t}
              busy={busy !== undefined}
              onUse={(id) => {
                const maker = templates.find((m) => m.id === id);
                if (maker) void use(maker);
              }}
            />
            <button type="button" className="primary" disabled={busy !== undefined} onClick={() => void use(t)}>
              {busy === t.id ? 'Creating…' : `Use ${t.name}`}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Modal>
  );
}

function colorOf(type: string): string {
  return (categoryColors as Record<string, string>)[categoryOfType(type)] ?? '#4f5962';
}
