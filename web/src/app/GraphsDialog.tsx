import type { Graph } from '@causeway/sdk';
import { useEffect, useState } from 'react';
import type { ApiClient, GraphInfo, GraphVersionInfo } from '../api/api-client';
import { Modal } from '../components/Modal';
import { readGraphText } from '../graphs/graph-file';

/** Open a graph saved on the server, or restore a version of the current one. */
export function GraphsDialog({
  api,
  currentId,
  onOpen,
  onClose,
}: {
  api: ApiClient;
  currentId: string;
  onOpen: (graph: Graph, note: string) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [graphs, setGraphs] = useState<GraphInfo[]>([]);
  const [versions, setVersions] = useState<GraphVersionInfo[]>([]);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    api.listGraphs({ q: query, limit: 50 }).then(
      (page) => live && setGraphs(page.items),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, [api, query]);
  useEffect(() => {
    api.listVersions(currentId).then(
      (v) => setVersions(v.items),
      () => setVersions([]),
    );
  }, [api, currentId]);
  const open = async (load: () => Promise<{ graph: unknown }>, note: string) => {
    try {
      const parsed = readGraphText(JSON.stringify((await load()).graph));
      if (parsed.ok) onOpen(parsed.value, note);
      else setError(parsed.issues[0]?.message ?? 'The stored graph is not valid.');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal className="graphs-dialog" labelledBy="graphs-title" onClose={onClose}>
      <h2 id="graphs-title">Graphs on the server</h2>
      {error && <p className="field-issues">{error}</p>}
      <input type="search" aria-label="Search graphs" placeholder="Search…" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="graph-list">
        {graphs.map((g) => (
          <li key={g.id}>
            <button type="button" onClick={() => open(() => api.getGraph(g.id), `Opened ${g.name} v${g.latestVersion}`)}>
              {g.name}{' '}
              <small>
                v{g.latestVersion} · {new Date(g.updatedAt).toLocaleString()}
              </small>
            </button>
          </li>
        ))}
      </ul>
      {versions.length > 0 && (
        <>
          <h3>Versions of “{currentId}”</h3>
          <ul className="graph-list" aria-label="Versions">
            {versions.map((v) => (
              <li key={v.version}>
                <button type="button" onClick={() => open(() => api.getVersion(currentId, v.version), `Restored version ${v.version}`)}>
                  Restore v{v.version}{' '}
                  <small>
                    {v.message || 'no message'} · {v.author}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Modal>
  );
}
