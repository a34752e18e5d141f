import type { Graph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { defaultPluginTimeLimitMs, pluginTimeLimitFrom, stallError, stoppedWith } from './run-watchdog';

const graph: Graph = {
  format: 'causeway.graph/1',
  id: 'g',
  name: 'G',
  requires: { '@acme/loops': '^1.0.0' },
  nodes: [
    { id: 'spin', type: '@acme/loops/spin', version: 1, config: {}, position: [0, 0] },
    { id: 'select', type: 'transform.select', version: 1, config: {}, position: [0, 0] },
  ],
  edges: [],
};

describe('the browser runner watchdog', () => {
  it('takes the time limit from ?pluginTimeoutMs= and keeps the server default otherwise', () => {
    expect(pluginTimeLimitFrom('?pluginTimeoutMs=2500')).toBe(2500);
    expect(pluginTimeLimitFrom('')).toBe(defaultPluginTimeLimitMs);
    expect(defaultPluginTimeLimitMs).toBe(60_000);
    for (const bad of ['?pluginTimeoutMs=abc', '?pluginTimeoutMs=5', '?pluginTimeoutMs=1.5', '?pluginTimeoutMs=']) {
      expect(pluginTimeLimitFrom(bad), bad).toBe(defaultPluginTimeLimitMs);
    }
  });

  it('names the silent plugin node with PLUGIN_TIMEOUT and a built-in with NODE_TIMEOUT', () => {
    const plugin = stallError({ kind: 'silent', silentMs: 2600, inside: 'spin' }, graph, 'spin', 2500);
    expect(plugin.code).toBe('PLUGIN_TIMEOUT');
    expect(plugin.message).toContain('Node "spin" (@acme/loops/spin) ran for more than 2.5 s');
    expect(stallError({ kind: 'silent', silentMs: 2600, inside: 'spin' }, graph, 'select', 2500).code).toBe('NODE_TIMEOUT');
  });

  it('names a plugin node whose worker died with PLUGIN_LIMIT and the reason', () => {
    const died = stallError({ kind: 'died', message: 'Out of memory', inside: 'spin' }, graph, 'spin', 60_000);
    expect(died).toEqual({
      code: 'PLUGIN_LIMIT',
      message: `Node "spin" (@acme/loops/spin) stopped the browser's runner (Out of memory); the runner was restarted.`,
    });
    expect(stallError({ kind: 'died', message: 'x', inside: undefined }, graph, 'select', 60_000).code).toBe('NODE_FAILED');
    const thrown = { kind: 'died', message: 'Uncaught Error: late', inside: 'spin' } as const;
    expect(stallError(thrown, graph, 'spin', 60_000).code).toBe('PLUGIN_CRASHED');
  });

  it('tells a node stopped with the culprit which node that was', () => {
    expect(stoppedWith('spin', 'upper')).toEqual({
      code: 'RUN_CANCELLED',
      message: `Node "upper" was stopped when node "spin" held the browser's runner and it was restarted.`,
    });
  });
});
