import { formatDuration } from '../runner/run-view';
import { useEditor } from './editor-context';

/** The bottom line: the latest notice (why something was refused), the run's state and the graph's issue count. */
export function StatusBar({ onTimeline }: { onTimeline: () => void }) {
  const notice = useEditor((s) => s.notice);
  const run = useEditor((s) => s.run);
  const issueCount = useEditor((s) => s.analysis.general.length + [...s.analysis.byNode.values()].reduce((n, list) => n + list.length, 0));
  const counts = useEditor((s) => `${s.graph.nodes.length} nodes · ${s.graph.edges.length} edges`);
  return (
    <footer className="status">
      <span role="status" aria-live="polite" className="notice">
        {notice}
      </span>
      <span className={`run-status run-${run.status}`} role="status" aria-live="polite" data-testid="run-status">
        {run.status === 'idle'
          ? 'Not run yet'
          : run.status === 'running'
            ? 'Running…'
            : `Run ${run.status}${run.durationMs === undefined ? '' : ` in ${formatDuration(run.durationMs)}`}`}
        {run.messages.length > 0 && `: ${run.messages[0]}`}
      </span>
      <button type="button" className="run-toggle" onClick={onTimeline}>
        Timeline
      </button>
      <span>{counts}</span>
      <span className={issueCount ? 'issues' : 'ok'}>{issueCount ? `${issueCount} issue${issueCount === 1 ? '' : 's'}` : 'No issues'}</span>
    </footer>
  );
}
