import type { RunEvent } from '@causeway/sdk';
import type { NodeRecord } from './run-queue';

/**
 * Folds an engine event into the node's stored state (status, timings, cache hit, error, output
 * summaries); returns the node id it changed, if any. Progress and log events change nothing here.
 */
export function applyNodeEvent(
  nodes: Map<string, NodeRecord>,
  fence: { runId: number; attempt: number },
  event: RunEvent,
): string | undefined {
  if (!('nodeId' in event) || event.type === 'node:progress' || event.type === 'node:log') return undefined;
  const node: NodeRecord = nodes.get(event.nodeId) ?? {
    ...fence,
    nodeId: event.nodeId,
    status: 'pending',
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    cached: false,
    error: null,
    outputs: null,
  };
  switch (event.type) {
    case 'node:start':
      node.status = 'running';
      node.startedAt = event.at;
      break;
    case 'node:done':
      node.status = event.cached ? 'cached' : 'done';
      node.finishedAt = event.at;
      node.durationMs = event.durationMs;
      node.cached = event.cached;
      node.outputs = { ...event.outputs };
      break;
    case 'node:error':
      node.status = event.error.code === 'RUN_CANCELLED' ? 'cancelled' : 'failed';
      node.finishedAt = event.at;
      node.durationMs = event.durationMs;
      node.error = event.error;
      break;
    case 'node:skipped':
      node.status = 'skipped';
      node.finishedAt = event.at;
      node.error = { reason: event.reason };
      break;
  }
  nodes.set(event.nodeId, node);
  return event.nodeId;
}
