import { formatDuration, type RunView } from '../runner/run-view';

/** When each node of a run started and how long it took, as bars on one time axis. */
export function RunTimeline({ run }: { run: RunView }) {
  const spans = [...run.timeline.entries()];
  if (spans.length === 0) return <p className="muted">No run yet. Press Run (Ctrl+Enter).</p>;
  const start = Math.min(...spans.map(([, s]) => s.start));
  const end = Math.max(...spans.map(([, s]) => s.end ?? s.start), start + 1);
  const scale = 100 / (end - start);
  return (
    <ol className="timeline" aria-label="Run timeline">
      {spans.map(([nodeId, span]) => {
        const badge = run.badges.get(nodeId);
        const state = badge?.state === 'done' && badge.cached ? 'cached' : (badge?.state ?? 'queued');
        const width = Math.max(0.5, ((span.end ?? end) - span.start) * scale);
        return (
          <li key={nodeId}>
            <span className="timeline-node">{nodeId}</span>
            <span className="timeline-track">
              <span
                className={`timeline-bar state-${state}`}
                style={{ marginLeft: `${(span.start - start) * scale}%`, width: `${width}%` }}
              />
            </span>
            <span className="timeline-time">
              {state} {span.end === undefined ? '' : formatDuration(span.end - span.start)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
