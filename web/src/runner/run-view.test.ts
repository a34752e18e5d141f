import type { RunEvent } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { formatDuration, idleRun, markStale, reduceRun } from './run-view';

const events: RunEvent[] = [
  { type: 'run:start', runId: 1, at: 0, nodes: ['a', 'b', 'c'] },
  { type: 'node:start', runId: 1, nodeId: 'a', at: 1 },
  { type: 'node:progress', runId: 1, nodeId: 'a', fraction: 0.5 },
];

describe('reduceRun', () => {
  it('records where the nodes of a pushed chain ran, with the SQL, from its report', () => {
    const report = {
      placements: [
        { nodeId: 'a', where: 'postgres' },
        { nodeId: 'b', where: 'memory' },
      ],
      sql: 'select 1',
      reason: 'exp',
    };
    let view = events.reduce(reduceRun, idleRun);
    view = reduceRun(view, { type: 'node:log', runId: 1, nodeId: 'b', level: 'info', message: 'plain line', at: 2 });
    expect(view.places.size).toBe(0);
    view = reduceRun(view, {
      type: 'node:log',
      runId: 1,
      nodeId: 'b',
      level: 'info',
      message: `pushdown ${JSON.stringify(report)}`,
      at: 2,
    });
    expect(view.places.get('a')).toEqual({ where: 'postgres', sql: 'select 1', reason: 'exp' });
    expect(view.places.get('b')).toEqual({ where: 'memory', sql: 'select 1', reason: 'exp' });
    expect(reduceRun(view, events[0] as RunEvent).places.size).toBe(0);
  });

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

  it('shows a refused run (a run:done with no run:start) on each node it names and in its messages', () => {
    const done = reduceRun(reduceRun(idleRun, events[0] as RunEvent), {
      type: 'node:done',
      runId: 1,
      nodeId: 'a',
      at: 2,
      durationMs: 1,
      cached: false,
      outputs: {},
    });
    const issue = { code: 'PORT_INPUT_MISSING' as const, path: ['nodes', 'b'], nodeId: 'b', message: 'Input "table" is not connected.' };
    const view = reduceRun(done, { type: 'run:done', runId: 2, at: 10, status: 'invalid', durationMs: 0, issues: [issue] });
    expect(view.status).toBe('invalid');
    expect(view.runId).toBe(2);
    expect(view.messages).toEqual(['b: Input "table" is not connected.']);
    expect(view.badges.get('b')).toEqual({ state: 'refused', message: issue.message, code: 'PORT_INPUT_MISSING' });
    // What the last run produced is still shown.
    expect(view.badges.get('a')).toBe(done.badges.get('a'));
  });

  it('marks done nodes stale keeping their counts, and clears errors an edit may have fixed', () => {
    let view = events.reduce(reduceRun, idleRun);
    const outputs = { table: { kind: 'table' as const, rows: 3, schema: { columns: [] } } };
    view = reduceRun(view, { type: 'node:done', runId: 1, nodeId: 'a', at: 5, durationMs: 4, cached: false, outputs });
    view = reduceRun(view, {
      type: 'node:error',
      runId: 1,
      nodeId: 'b',
      at: 6,
      durationMs: 1,
      error: { code: 'NODE_FAILED', message: 'boom' },
    });
    view = reduceRun(view, { type: 'run:done', runId: 1, at: 7, status: 'failed', durationMs: 7 });
    const stale = markStale(view, new Set(['a', 'b', 'c', 'never-run']));
    expect(stale.badges.get('a')).toEqual({ state: 'stale', outputs });
    expect(stale.badges.get('b')).toEqual({ state: 'stale', outputs: undefined });
    expect(stale.badges.get('c')).toEqual({ state: 'stale', outputs: undefined });
    expect(stale.badges.has('never-run')).toBe(false);
    expect(markStale(stale, new Set(['a']))).toBe(stale);
    expect(markStale(view, new Set())).toBe(view);
  });

  it('formats durations', () => {
    expect(formatDuration(840)).toBe('840 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(185_000)).toBe('3 min 5 s');
  });
});
