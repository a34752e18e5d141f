import type { ListedModelVersion } from '@causeway/contract';
import { useState } from 'react';
import { type ModelVersionInfo, modelsApi } from '../api/models-api';
import { can, type Server } from '../app/server-context';
import { formatMetric } from './format-metric';
import { ModelCompare } from './ModelCompare';
import { ModelStageForm } from './ModelStageForm';
import { ModelVersionCard } from './ModelVersionCard';
import { useResource } from './use-resource';

/** One model: its versions with stage, gate, metrics and lineage; the chosen version's card and stage; a comparison of two. */
export function ModelDetails({
  server,
  name,
  onChanged,
  onOpenRun,
}: {
  server: Server;
  name: string;
  onChanged: () => void;
  onOpenRun: (runId: number) => void;
}) {
  const model = useResource(() => modelsApi.get(server.api, name), [server.api, name]);
  const [chosen, setChosen] = useState<number | undefined>();
  const [compared, setCompared] = useState<number[]>([]);
  const versions = model.data?.items ?? [];
  const version = versions.find((v) => v.version === chosen) ?? versions[0];
  const toggle = (v: number) => setCompared((c) => (c.includes(v) ? c.filter((x) => x !== v) : [...c, v].slice(-2)));
  const [a, b] = [...compared].sort((x, y) => x - y);
  return (
    <section className="details" aria-label={`Model ${name}`}>
      <h2>{name}</h2>
      {model.error && (
        <p className="page-error" role="alert">
          {model.error}
        </p>
      )}
      <table className="data-list" aria-label={`Versions of ${name}`}>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Stage</th>
            <th scope="col">Gate</th>
            <th scope="col">Graph tests</th>
            <th scope="col">Metrics</th>
            <th scope="col">Made by</th>
            <th scope="col">Compare</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-version={v.version} aria-selected={v === version}>
              <th scope="row">
                <button type="button" className="link" aria-label={`Show v${v.version}`} onClick={() => setChosen(v.version)}>
                  v{v.version}
                </button>
              </th>
              <td>
                <span className={`status-pill stage-${v.stage}`}>{v.stage}</span>
              </td>
              <td>{gateText(v)}</td>
              <td>
                <GraphTestsStatus status={v.graphTests} />
              </td>
              <td>{metricsText(v.metrics)}</td>
              <td>
                <Lineage version={v} onOpenRun={onOpenRun} />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare v${v.version}`}
                  checked={compared.includes(v.version)}
                  onChange={() => toggle(v.version)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {a !== undefined && b !== undefined && <ModelCompare key={`${a}:${b}`} server={server} name={name} a={a} b={b} />}
      {version && (
        <>
          <ModelVersionCard version={version} />
          {can(server, 'models:write') && (
            <ModelStageForm
              key={`${version.version}:${version.stage}`}
              server={server}
              version={version}
              onChanged={() => {
                model.reload();
                onChanged();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

/** The verdict of the tests beside the graph version that produced a model version. */
function GraphTestsStatus({ status }: { status: ListedModelVersion['graphTests'] }) {
  if (status === null) return <span className="muted">no tests</span>;
  return <span className={`status-pill tests-${status}`}>{status === 'untested' ? 'not run' : status}</span>;
}

function gateText(v: ModelVersionInfo): string {
  if (v.gate === null) return 'no gate';
  return v.gate.passed ? 'passed' : `failed: ${v.gate.reason}`;
}

function metricsText(metrics: Record<string, number>): string {
  const entries = Object.entries(metrics).slice(0, 3);
  return entries.length === 0 ? '—' : entries.map(([k, n]) => `${k} ${formatMetric(n)}`).join(' · ');
}

/** Where a version came from: the graph version and the run that registered it. */
function Lineage({ version: v, onOpenRun }: { version: ModelVersionInfo; onOpenRun: (runId: number) => void }) {
  const { runId } = v;
  if (v.graphId === null) return <span className="muted">{v.createdBy ?? 'unknown'}</span>;
  return (
    <>
      {v.graphId} <span className="muted">v{v.graphVersion}</span>
      {runId !== null && (
        <button type="button" className="link" aria-label={`Open run ${runId} of v${v.version}`} onClick={() => onOpenRun(runId)}>
          run #{runId}
        </button>
      )}
    </>
  );
}
