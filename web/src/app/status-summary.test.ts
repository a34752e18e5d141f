import { describe, expect, it } from 'vitest';
import { idleRun, type NodeBadge, type RunView } from '../runner/run-view';
import { statusSummary } from './status-summary';

const ran = (status: RunView['status'], badges: Array<[string, NodeBadge]>, messages: string[] = []): RunView => ({
  ...idleRun,
  runId: 1,
  status,
  durationMs: 1200,
  badges: new Map(badges),
  messages,
});

describe('statusSummary', () => {
  it('says "No issues" only when nothing failed at design time or in the run', () => {
    expect(statusSummary(idleRun, 0)).toEqual({ run: 'Not run yet', issues: { text: 'No issues', ok: true } });
    expect(statusSummary(ran('succeeded', []), 0).issues).toEqual({ text: 'No issues', ok: true });
    const failed = ran('failed', [['a', { state: 'failed', message: 'boom', code: 'X' }]]);
    expect(statusSummary(failed, 0)).toEqual({ run: 'Run failed in 1.2 s', issues: { text: '1 node failed', ok: false } });
    expect(statusSummary(failed, 2).issues).toEqual({ text: '2 issues', ok: false });
  });

  it('says why a run was refused', () => {
    const refused = ran(
      'invalid',
      [['b', { state: 'refused', message: 'Input "table" is not connected.', code: 'X' }]],
      ['b: Input "table" is not connected.'],
    );
    expect(statusSummary(refused, 0)).toEqual({
      run: 'Run refused: b: Input "table" is not connected.',
      issues: { text: '1 node failed', ok: false },
    });
  });

  it('counts the nodes edited since the run', () => {
    const edited = ran('succeeded', [
      ['a', { state: 'stale', outputs: undefined }],
      ['b', { state: 'stale', outputs: undefined }],
    ]);
    expect(statusSummary(edited, 0).run).toBe('Run succeeded in 1.2 s · 2 nodes edited since');
  });
});
