import { formatDuration, type RunView } from '../runner/run-view';

/** The status line's words for a run and the graph's design-time issues. */
export interface StatusSummary {
  run: string;
  /** Design-time issues, or what failed in the run when design checks found none. */
  issues: { text: string; ok: boolean };
}

/**
 * Says what the last run did and what is wrong, never "No issues" beside a failed or refused run:
 * a run's failures count as issues when the design-time checks found none.
 */
export function statusSummary(run: RunView, designIssues: number): StatusSummary {
  let failed = 0;
  let stale = 0;
  for (const badge of run.badges.values()) {
    if (badge.state === 'failed' || badge.state === 'refused') failed++;
    else if (badge.state === 'stale') stale++;
  }
  const took = run.durationMs === undefined ? '' : ` in ${formatDuration(run.durationMs)}`;
  const words =
    run.status === 'idle'
      ? 'Not run yet'
      : run.status === 'running'
        ? 'Running…'
        : run.status === 'invalid'
          ? 'Run refused'
          : `Run ${run.status}${took}`;
  const why = run.status !== 'running' && run.messages.length > 0 ? `: ${run.messages[0]}` : '';
  const edited = run.status !== 'running' && stale > 0 ? ` · ${plural(stale, 'node')} edited since` : '';
  const badRun = run.status === 'failed' || run.status === 'invalid';
  const issues =
    designIssues > 0
      ? { text: plural(designIssues, 'issue'), ok: false }
      : badRun
        ? { text: failed > 0 ? `${plural(failed, 'node')} failed` : 'Run did not succeed', ok: false }
        : { text: 'No issues', ok: true };
  return { run: `${words}${why}${edited}`, issues };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}
