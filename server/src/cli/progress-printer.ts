import { countText, type OutputSummary, orderMetrics, type RunEvent } from '@causeway/sdk';

function summary(outputs: Record<string, OutputSummary>): string {
  const parts = Object.entries(outputs).map(([port, s]) => {
    switch (s.kind) {
      case 'table':
        return `${port}: ${countText(s.rows, 'row')} × ${countText(s.schema.columns.length, 'column')}`;
      case 'model':
        return `${port}: ${s.task} model, ${countText(s.features, 'feature')}`;
      case 'metrics':
        return `${port}: ${orderMetrics(s.values)
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')}`;
      case 'report':
        return `${port}: ${s.passed ? 'passed' : `failed ${s.failed} of ${countText(s.checks, 'check')}`}`;
      default:
        return port;
    }
  });
  return parts.length === 0 ? '' : `  (${parts.join('; ')})`;
}

/** Turns run events into progress lines for stderr: node start, done with duration and cache hit, logs, errors. */
export function progressPrinter(write: (line: string) => void): (event: RunEvent) => void {
  return (event) => {
    switch (event.type) {
      case 'run:start':
        write(`run ${event.runId}: ${event.nodes.length} node${event.nodes.length === 1 ? '' : 's'}`);
        break;
      case 'node:start':
        write(`  start   ${event.nodeId}`);
        break;
      case 'node:done':
        write(`  ${event.cached ? 'cached' : 'done  '}  ${event.nodeId} in ${Math.round(event.durationMs)} ms${summary(event.outputs)}`);
        break;
      case 'node:log':
        write(`  ${event.level.padEnd(6)}  ${event.nodeId}: ${event.message}`);
        break;
      case 'node:error':
        write(`  failed  ${event.nodeId} after ${Math.round(event.durationMs)} ms: ${event.error.code}: ${event.error.message}`);
        break;
      case 'node:skipped':
        write(`  skipped ${event.nodeId}: ${event.reason}`);
        break;
      case 'run:done':
        write(`run ${event.status} in ${Math.round(event.durationMs)} ms`);
        break;
      default:
        break;
    }
  };
}
