/**
 * Runs a task when fewer than the limit are running; shared by callers that run many things.
 *
 * @example
 * const limit: Limit = createLimit(4);
 * await limit(() => runGraphTests(graph, tests, { registry, files }));
 */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * A limit of `n` tasks running at once, in the order they were asked for.
 *
 * @example
 * const limit = createLimit(2);
 * await Promise.all(files.map((file) => limit(() => check(file))));
 */
export function createLimit(n: number): Limit {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
