import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../test-support/make-test-app';
import { RunBus } from './run-bus';

describe('RunBus', () => {
  it('logs a listener that throws and still tells the others', () => {
    const logger = memoryLogger();
    const bus = new RunBus(logger);
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new Error('listener broke');
    });
    bus.subscribe((signal) => heard.push(signal.kind));
    bus.publish({ kind: 'cancel', runId: 7 });
    expect(heard).toEqual(['cancel']);
    expect(logger.lines.map((l) => JSON.parse(l))).toEqual([
      { level: 'error', message: 'run signal listener failed', signal: 'cancel', error: 'listener broke' },
    ]);
  });
});
