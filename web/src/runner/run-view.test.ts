import type { RunEvent } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { formatDuration, idleRun, reduceRun } from './run-view';

const events: RunEvent[] = [
  { type: 'run:start', runId: 1, at: 0, nodes: ['a', 'b', 'c'] },
  { type: 'node:start', runId: 1, nodeId: 'a', at: 1 },
  { type: 'node:progress', runId: 1, nodeId: 'a', fraction: 0.5 },
];

describe('reduceRun', () => {
  it('moves badges through queued, running with progress, done, failed and skipped', () => {
    let view = events.reduce(reduceRun, idleRun);
    expect(view.badges.get('a')).toEqual({ state: 'running', progress: 0.5, startedAt: 1 });
    expect(view.badges.get('b')).toEqual({ state: 'queued' });
    view = reduceRun(view, { type: 'node:done', runId: 1, nodeId: 'a', at: 5, durationMs: 4, cached: true, outputs: {} });
    view = reduceRun(view, {
      type: 'node:error',
      runId: 1,
      nodeId: 'b',
      at: 6,
      durationMs: 1,
      error: { code: 'NODE_FAILED', message: 'boom' },
    });
    view = reduceRun(view, { type: 'run:done', runId: 1, at: 7, status: 'failed', durationMs: 7 });
    expect(view.badges.get('a')).toMatchObject({ state: 'done', cached: true, durationMs: 4 });
    expect(view.badges.get('b')).toEqual({ state: 'failed', message: 'boom', code: 'NODE_FAILED' });
    expect(view.badges.get('c')).toEqual({ state: 'skipped', reason: 'run failed' });
    expect(view.status).toBe('failed');
    expect(view.timeline.get('a')).toEqual({ start: 1, end: 5 });
    expect(view.timeline.get('b')).toEqual({ start: 5, end: 6 });
    expect(view.timeline.has('c')).toBe(false);
  });

  it('ignores events of another run', () => {
    const view = events.reduce(reduceRun, idleRun);
    expect(reduceRun(view, { type: 'node:start', runId: 2, nodeId: 'b', at: 2 })).toBe(view);
  });

  it('formats durations', () => {
    expect(formatDuration(840)).toBe('840 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });
});
