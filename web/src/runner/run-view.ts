import { pushdownReportOf } from '@causeway/contract';
import type { OutputSummary, RunEvent, RunStatus } from '@causeway/sdk';

/** What a node's badge shows. */
export type NodeBadge =
  | { state: 'queued' }
  | { state: 'running'; progress: number | undefined; startedAt: number }
  | { state: 'done'; durationMs: number; cached: boolean; outputs: Record<string, OutputSummary> }
  | { state: 'failed'; message: string; code: string }
  | { state: 'skipped'; reason: string }
  /** Edited (or downstream of an edit) since its last result; `outputs` are that old result's, drawn greyed. */
  | { state: 'stale'; outputs: Record<string, OutputSummary> | undefined }
  /** The run was refused before it started, for this node's reason (an input not connected, a bad config). */
  | { state: 'refused'; message: string; code: string };

/** Where a node of a pushed `source.postgres` chain ran, the query sent, and why the chain stopped (or null). */
export interface NodePlace {
  where: 'postgres' | 'memory';
  sql: string;
  reason: string | null;
}

/** The state of the current (or last) run, as the canvas and the timeline draw it. */
export interface RunView {
  runId: number | undefined;
  status: 'idle' | 'running' | RunStatus;
  startedAt: number | undefined;
  durationMs: number | undefined;
  badges: ReadonlyMap<string, NodeBadge>;
  /** Messages of a run that could not start (an invalid graph). */
  messages: readonly string[];
  /** When each node started and ended, for the run timeline (ms, engine clock). */
  timeline: ReadonlyMap<string, { start: number; end?: number }>;
  /** Nodes of chains the server pushed into PostgreSQL, from the chain's report. */
  places: ReadonlyMap<string, NodePlace>;
}

/** No run yet. */
export const idleRun: RunView = {
  runId: undefined,
  status: 'idle',
  startedAt: undefined,
  durationMs: undefined,
  badges: new Map(),
  messages: [],
  timeline: new Map(),
  places: new Map(),
};

function withBadge(view: RunView, nodeId: string, badge: NodeBadge): RunView {
  const badges = new Map(view.badges);
  badges.set(nodeId, badge);
  return { ...view, badges };
}

function withTime(view: RunView, nodeId: string, span: { start: number; end?: number }): RunView {
  const timeline = new Map(view.timeline);
  timeline.set(nodeId, span);
  return { ...view, timeline };
}

/**
 * Marks the results of `ids` as out of date after an edit: a done node keeps its old counts (drawn
 * greyed), a failed, skipped or refused node loses its error, which the edit may have fixed. Nodes never
 * run, or queued and running now, are left as they are. The same view when nothing changes.
 */
export function markStale(view: RunView, ids: ReadonlySet<string>): RunView {
  let badges: Map<string, NodeBadge> | undefined;
  for (const id of ids) {
    const badge = view.badges.get(id);
    if (!badge || badge.state === 'stale' || badge.state === 'queued' || badge.state === 'running') continue;
    badges ??= new Map(view.badges);
    badges.set(id, { state: 'stale', outputs: badge.state === 'done' ? badge.outputs : undefined });
  }
  return badges ? { ...view, badges } : view;
}

/** Folds one engine event into the run view. Events of another run are ignored. */
export function reduceRun(view: RunView, event: RunEvent): RunView {
  // A refused run ends before it starts: its only event is a run:done naming the issues.
  if (event.type === 'run:done' && event.status === 'invalid' && event.runId !== view.runId) return refusedRun(view, event);
  if (event.type === 'run:start') {
    return {
      runId: event.runId,
      status: 'running',
      startedAt: event.at,
      durationMs: undefined,
      badges: new Map(event.nodes.map((id) => [id, { state: 'queued' } as const])),
      messages: [],
      timeline: new Map(),
      places: new Map(),
    };
  }
  if (event.runId !== view.runId) return view;
  switch (event.type) {
    case 'node:start':
      return withTime(withBadge(view, event.nodeId, { state: 'running', progress: undefined, startedAt: event.at }), event.nodeId, {
        start: event.at,
      });
    case 'node:progress': {
      const badge = view.badges.get(event.nodeId);
      return badge?.state === 'running' ? withBadge(view, event.nodeId, { ...badge, progress: event.fraction }) : view;
    }
    case 'node:log': {
      const report = pushdownReportOf(event.message);
      if (report === undefined) return view;
      const places = new Map(view.places);
      for (const p of report.placements) places.set(p.nodeId, { where: p.where, sql: report.sql, reason: report.reason });
      return { ...view, places };
    }
    case 'node:done':
      return withTime(
        withBadge(view, event.nodeId, { state: 'done', durationMs: event.durationMs, cached: event.cached, outputs: event.outputs }),
        event.nodeId,
        { start: event.at - event.durationMs, end: event.at },
      );
    case 'node:error':
      return withTime(
        withBadge(view, event.nodeId, { state: 'failed', message: event.error.message, code: event.error.code }),
        event.nodeId,
        {
          start: event.at - event.durationMs,
          end: event.at,
        },
      );
    case 'node:skipped':
      return withBadge(view, event.nodeId, { state: 'skipped', reason: event.reason });
    case 'run:done': {
      // Nodes still queued or running when a run ends were never finished (cancelled or invalid).
      const badges = new Map(view.badges);
      for (const [id, badge] of badges) {
        if (badge.state === 'queued' || badge.state === 'running') badges.set(id, { state: 'skipped', reason: `run ${event.status}` });
      }
      const messages = (event.issues ?? []).map((i) => (i.nodeId ? `${i.nodeId}: ${i.message}` : i.message));
      return { ...view, status: event.status, durationMs: event.durationMs, badges, messages };
    }
  }
}

function refusedRun(view: RunView, event: Extract<RunEvent, { type: 'run:done' }>): RunView {
  const issues = event.issues ?? [];
  const badges = new Map(view.badges);
  for (const issue of issues) {
    if (issue.nodeId !== undefined && badges.get(issue.nodeId)?.state !== 'refused')
      badges.set(issue.nodeId, { state: 'refused', message: issue.message, code: issue.code });
  }
  const messages = issues.map((i) => (i.nodeId ? `${i.nodeId}: ${i.message}` : i.message));
  return {
    ...view,
    runId: event.runId,
    status: 'invalid',
    startedAt: event.at - event.durationMs,
    durationMs: event.durationMs,
    badges,
    messages: messages.length > 0 ? messages : ['The graph was refused.'],
  };
}

/** A duration the way a badge writes it: `840 ms`, `2.4 s`, `3 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}
