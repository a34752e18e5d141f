import { describe, expect, it } from 'vitest';
import { yieldEveryMs, yieldIfDue } from './yield-if-due';

function computeFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // Holds the thread as a synchronous fit does.
  }
}

async function settleAYield(): Promise<void> {
  computeFor(yieldEveryMs + 1);
  await yieldIfDue();
}

describe('yieldIfDue', () => {
  it('lets a due timer run before the work goes on', async () => {
    await settleAYield();
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    computeFor(yieldEveryMs + 1);
    const pause = yieldIfDue();
    expect(pause).toBeInstanceOf(Promise);
    await pause;
    order.push('work');
    expect(order).toEqual(['timer', 'work']);
  });
});
