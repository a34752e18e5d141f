import type { RunEvent } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { runEventSchema, runEventTypes } from './run-events';

// One event of every type, typed as the engine's own, then through JSON as the stream carries it.
const emitted: RunEvent[] = [
  { type: 'run:start', runId: 1, at: 0, nodes: ['load', 'fit'] },
  { type: 'node:start', runId: 1, nodeId: 'load', at: 1 },
  { type: 'node:progress', runId: 1, nodeId: 'load', fraction: 0.5 },
  { type: 'node:log', runId: 1, nodeId: 'load', level: 'warn', message: '3 rows dropped', at: 2 },
  {
    type: 'node:done',
    runId: 1,
    nodeId: 'load',
    at: 3,
    durationMs: 2,
    cached: false,
    outputs: {
      table: { kind: 'table', rows: 10, schema: { columns: [{ name: 'x', type: 'number', nullable: true }] } },
      model: { kind: 'model', task: 'classification', features: 3, bytes: 900 },
      metrics: { kind: 'metrics', values: { auc: 0.9, r2: Number.NaN } },
      report: { kind: 'report', passed: false, checks: 4, failed: 1 },
      chart: { kind: 'chart' },
      value: { kind: 'value', preview: '42' },
    },
  },
  { type: 'node:error', runId: 1, nodeId: 'fit', at: 4, durationMs: 1, error: { code: 'NODE_FAILED', message: 'Node "fit" failed' } },
  { type: 'node:skipped', runId: 1, nodeId: 'score', at: 4, reason: 'upstream "fit" failed' },
  {
    type: 'run:done',
    runId: 1,
    at: 5,
    status: 'failed',
    durationMs: 5,
    issues: [{ code: 'CONFIG_INVALID', path: ['nodes', 1, 'config', 'target'], message: 'target is required', nodeId: 'fit' }],
  },
];

describe('runEventSchema', () => {
  it('takes every event the engine emits, as JSON carries it (NaN metrics arrive as null)', () => {
    expect(new Set(emitted.map((event) => event.type))).toEqual(new Set(runEventTypes));
    for (const event of emitted) {
      const result = runEventSchema.safeParse(JSON.parse(JSON.stringify(event)));
      expect(result.error?.issues ?? [], event.type).toEqual([]);
    }
  });

  it('keeps fields it does not declare, and refuses a declared field of the wrong type', () => {
    const extra = { type: 'node:start', runId: 1, nodeId: 'a', at: 1, ranIn: 'postgres' };
    expect(runEventSchema.parse(extra)).toEqual(extra);
    const wrong = runEventSchema.safeParse({ type: 'run:done', runId: 1, at: 5, status: 'exploded', durationMs: 5 });
    expect(wrong.error?.issues[0]?.path).toEqual(['status']);
    expect(runEventSchema.safeParse({ type: 'run:paused', runId: 1, at: 5 }).success).toBe(false);
  });
});
