import type { Graph } from '@causeway/sdk';
import { useEffect, useState } from 'react';
import type { ApiClient, GraphInfo, GraphVersionInfo } from '../api/api-client';
import { Modal } from '../components/Modal';
import { type Comparison, compareGraphs } from '../graphs/compare-graphs';
import { readGraphText } from '../graphs/graph-file';

/** Open a graph saved on the server; restore a version of the current one, or compare two of its versions. */
export function GraphsDialog({
  api,
  currentId,
  onOpen,
  onCompare,
  onClose,
}: {
  api: ApiClient;
  currentId: string;
  onOpen: (graph: Graph, note: string, version: number) => void;
  onCompare: (comparison: Comparison) => void;
  onClose: () => void;
}) {
  const [query, setQuery] = useState('');
  const [graphs, setGraphs] = useState<GraphInfo[]>([]);
  const [versions, setVersions] = useState<GraphVersionInfo[]>([]);
  const [picked, setPicked] = useState<number[]>([]);
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
  const parse = (stored: { graph: unknown }): Graph => {
    const parsed = readGraphText(JSON.stringify(stored.graph));
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message ?? 'The stored graph is not valid.');
    return parsed.value;
  };
  const open = async (load: () => Promise<{ graph: unknown; version?: number; latestVersion?: number }>, note: string) => {
    try {
      const stored = await load();
      onOpen(parse(stored), note, stored.version ?? stored.latestVersion ?? 0);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const toggle = (version: number) =>
    setPicked((old) => (old.includes(version) ? old.filter((v) => v !== version) : [...old.slice(-1), version]));
  const compare = async () => {
    const [from, to] = [...picked].sort((a, b) => a - b) as [number, number];
    try {
      const [older, newer, diff] = await Promise.all([
        api.getVersion(currentId, from),
        api.getVersion(currentId, to),
        api.diff(currentId, from, to),
      ]);
      onCompare(compareGraphs(parse(older), parse(newer), diff));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal className="graphs-dialog" labelledBy="graphs-title" onClose={onClose}>
      <h2 id="graphs-title">Graphs on the server</h2>
      {error && (
        <p className="field-issues" role="alert">
          {error}
        </p>
      )}
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
          <p className="muted">Tick two versions to compare them on the canvas.</p>
          <ul className="graph-list version-list" aria-label="Versions">
            {versions.map((v) => (
              <li key={v.version}>
                <label className="version-pick">
                  <input type="checkbox" checked={picked.includes(v.version)} onChange={() => toggle(v.version)} />
                  <span className="sr-only">Compare v{v.version}</span>
                </label>
                <button type="button" onClick={() => open(() => api.getVersion(currentId, v.version), `Restored version ${v.version}`)}>
                  Restore v{v.version}{' '}
                  <small>
                    {v.message || 'no message'} · {v.author} · {new Date(v.createdAt).toLocaleString()}
                  </small>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="primary" disabled={picked.length !== 2} onClick={() => void compare()}>
            {picked.length === 2 ? `Compare v${Math.min(...picked)} and v${Math.max(...picked)}` : 'Compare two versions'}
          </button>
        </>
      )}
      <button type="button" onClick={onClose}>
        Close
      </button>
    </Modal>
  );
}
