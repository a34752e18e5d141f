/** How long a thread may compute before long work lets messages and timers in (cancel, timeouts, other runs). */
export const yieldEveryMs = 20;

type Schedule = (resolve: () => void) => void;

let lastYield = now();

/**
 * Lets long synchronous work share its thread: when more than {@link yieldEveryMs} have passed since
 * the thread last yielded, returns a promise that settles on the next macrotask, so a cancel message,
 * a timeout's timer or another run's work can run first; otherwise returns `undefined` at once.
 * The clock is per thread, not per caller: concurrent fits share it as they share the thread.
 *
 * @example
 * for (let round = 0; round < rounds; round++) {
 *   await yieldIfDue();
 *   ctx.signal.throwIfAborted();
 *   step(round);
 * }
 */
export function yieldIfDue(): Promise<void> | undefined {
  if (now() - lastYield < yieldEveryMs) return undefined;
  return new Promise<void>((resolve) =>
    nextMacrotask(() => {
      lastYield = now();
      resolve();
    }),
  );
}

function now(): number {
  return globalThis.performance.now();
}

// setImmediate (Node) and MessageChannel (browsers, workers) run after pending timers and messages
// without setTimeout's 4 ms clamp on nested calls.
const nextMacrotask: Schedule = (() => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  if (typeof immediate === 'function') return (resolve) => void immediate(resolve);
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    const waiting: Array<() => void> = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return (resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    };
  }
  return (resolve) => void setTimeout(resolve, 0);
})();
