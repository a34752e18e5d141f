import { formatDuration, type NodeBadge, type NodePlace } from '../runner/run-view';

/** The live state of a node in a run: queued, running with progress, cached, done with duration, failed, stale after an edit, refused. */
export function RunBadge({ badge }: { badge: NodeBadge | undefined }) {
  if (!badge) return null;
  switch (badge.state) {
    case 'queued':
      return <span className="badge badge-queued">queued</span>;
    case 'running':
      return (
        <span className="badge badge-running" role="status">
          running{badge.progress === undefined ? '…' : ` ${Math.round(badge.progress * 100)}%`}
          {badge.progress !== undefined && <progress value={badge.progress} max={1} aria-label="progress" />}
        </span>
      );
    case 'done':
      return (
        <span className={`badge ${badge.cached ? 'badge-cached' : 'badge-done'}`}>
          {badge.cached ? 'cached' : `done ${formatDuration(badge.durationMs)}`}
        </span>
      );
    case 'failed':
      return (
        <span className="badge badge-failed" title={badge.message}>
          failed
        </span>
      );
    case 'skipped':
      return (
        <span className="badge badge-skipped" title={badge.reason}>
          skipped
        </span>
      );
    case 'stale':
      return (
        <span className="badge badge-stale" title="Edited since the last run: run again to update">
          stale
        </span>
      );
    case 'refused':
      return (
        <span className="badge badge-refused" title={badge.message}>
          not run
        </span>
      );
  }
}

/** Marks a node the server ran inside PostgreSQL; the query sent is its tooltip. */
export function PlaceBadge({ place }: { place: NodePlace | undefined }) {
  if (place?.where !== 'postgres') return null;
  return (
    <span className="badge badge-pushed" title={place.sql} data-testid="pushed-badge">
      in PostgreSQL
    </span>
  );
}
