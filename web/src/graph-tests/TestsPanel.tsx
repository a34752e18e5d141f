import { parseGraphTests } from '@causeway/sdk';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/api-error';
import { graphTestsApi } from '../api/graph-tests-api';
import { useEditor, useEditorServices } from '../app/editor-context';
import { useServer } from '../app/server-context';
import type { TestCaseVerdict } from '../runner/runner-protocol';
import { runTests } from './tests-actions';
import { graphTestsStore, useGraphTests } from './tests-store';

/** The graph's test cases: run them in the browser or on the server, pass or fail per case with the diff. */
export function TestsPanel({ onClose }: { onClose: () => void }) {
  const { store, runner } = useEditorServices();
  const server = useServer();
  const graphId = useEditor((s) => s.graph.id);
  const view = useGraphTests(graphId);
  const [where, setWhere] = useState<'browser' | 'server'>('browser');
  const empty = view.tests.cases.length === 0;
  // A graph opened from the server brings the tests saved beside its version, and their last server verdict.
  useEffect(() => {
    const version = server?.runs.baseVersion(graphId);
    if (!server || !empty || version === undefined) return;
    let live = true;
    graphTestsApi.get(server.api, graphId, version).then(
      (stored) => {
        const parsed = parseGraphTests(JSON.stringify(stored.tests));
        if (!live || !parsed.ok || graphTestsStore.view(graphId).tests.cases.length > 0) return;
        graphTestsStore.update(graphId, {
          tests: parsed.value,
          verdicts: stored.cases ?? undefined,
          ranOn: stored.cases ? 'server' : undefined,
        });
      },
      (error: unknown) => {
        // A 404: no tests beside this version yet.
        if (live && !(error instanceof ApiError && error.status === 404))
          graphTestsStore.update(graphId, {
            error: `The saved tests could not be read: ${error instanceof Error ? error.message : String(error)}`,
          });
      },
    );
    return () => {
      live = false;
    };
  }, [server, graphId, empty]);
  const verdicts = new Map((view.verdicts ?? []).map((v) => [v.name, v]));
  const passed = view.verdicts?.filter((v) => v.status === 'passed').length ?? 0;
  return (
    <section className="results tests-panel" aria-label="Tests">
      <header>
        <h2>Tests</h2>
        {view.verdicts && (
          <span data-testid="tests-summary">
            {passed} of {view.verdicts.length} passed ({view.ranOn})
          </span>
        )}
        <label>
          Run tests in{' '}
          <select
            aria-label="Where to run the tests"
            value={where}
            onChange={(e) => setWhere(e.target.value === 'server' ? 'server' : 'browser')}
          >
            <option value="browser">the browser</option>
            {server && <option value="server">the server</option>}
          </select>
        </label>
        <button
          type="button"
          className="primary"
          disabled={view.running || view.tests.cases.length === 0}
          onClick={() => void runTests({ store, browser: runner, server }, where)}
        >
          {view.running ? 'Running tests…' : 'Run tests'}
        </button>
        <button type="button" className="close" aria-label="Close tests" onClick={onClose}>
          ✕
        </button>
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable to scroll it without a mouse */}
      <div className="results-body" tabIndex={0}>
        {view.error && (
          <p className="page-error" role="alert">
            {view.error}
          </p>
        )}
        {view.tests.cases.length === 0 && <p className="muted">No test cases yet: open a table output and choose “Pin as expected”.</p>}
        <ul className="test-cases">
          {view.tests.cases.map((c) => (
            <TestCaseRow
              key={c.name}
              name={c.name}
              verdict={verdicts.get(c.name)}
              onRemove={() => graphTestsStore.removeCase(graphId, c.name)}
            />
          ))}
        </ul>
      </div>
    </section>
  );
}

function TestCaseRow({ name, verdict, onRemove }: { name: string; verdict: TestCaseVerdict | undefined; onRemove: () => void }) {
  const status = verdict?.status ?? 'not run';
  return (
    <li data-case={name} data-status={status}>
      <span className={`status-pill tests-${verdict?.status ?? 'untested'}`}>{status}</span> {name}{' '}
      <button type="button" className="link" aria-label={`Remove test case ${name}`} onClick={onRemove}>
        remove
      </button>
      {verdict?.issues.map((issue) => (
        <p key={`${issue.code}:${issue.path.join('.')}`} className="muted">
          {issue.code}: {issue.message}
        </p>
      ))}
      {verdict?.failures.map((failure, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: failures have no id and never reorder
        <div key={i} className="test-failure">
          <p>
            {failure.check}: {failure.message}
          </p>
          {failure.diff && <pre className="mono test-diff">{failure.diff.join('\n')}</pre>}
        </div>
      ))}
    </li>
  );
}
