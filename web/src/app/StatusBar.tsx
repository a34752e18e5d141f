import { countText } from '@causeway/sdk';
import { useEditor } from './editor-context';
import { statusSummary } from './status-summary';

/** The bottom line: the latest notice (why something was refused), the run's state and the graph's issue count. */
export function StatusBar({ onTimeline, onTests }: { onTimeline: () => void; onTests: () => void }) {
  const notice = useEditor((s) => s.notice);
  const run = useEditor((s) => s.run);
  const issueCount = useEditor((s) => s.analysis.general.length + [...s.analysis.byNode.values()].reduce((n, list) => n + list.length, 0));
  const summary = statusSummary(run, issueCount);
  const counts = useEditor((s) => `${countText(s.graph.nodes.length, 'node')} · ${countText(s.graph.edges.length, 'edge')}`);
  return (
    <footer className="status">
      <span role="status" aria-live="polite" className="notice">
        {notice}
      </span>
      <span className={`run-status run-${run.status}`} role="status" aria-live="polite" data-testid="run-status">
        {summary.run}
      </span>
      <button type="button" className="run-toggle" onClick={onTimeline}>
        Timeline
      </button>
      <button type="button" className="run-toggle" onClick={onTests}>
        Tests
      </button>
      <span>{counts}</span>
      <span className={summary.issues.ok ? 'ok' : 'issues'} data-testid="issue-count">
        {summary.issues.text}
      </span>
    </footer>
  );
}
