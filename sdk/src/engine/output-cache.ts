/**
 * Where the engine keeps node outputs between runs, by cache key. Keys chain down the graph, so an
 * edit re-runs only what is downstream of it. A host may back it with memory, IndexedDB or disk.
 *
 * @example
 * const cache: OutputCache = new MemoryOutputCache(200);
 * await runGraph(graph, { registry, cache }); // a second run with the same cache reuses every output
 */
export interface OutputCache {
  get(key: string): Record<string, unknown> | undefined;
  set(key: string, outputs: Record<string, unknown>): void;
}

/**
 * An in-memory {@link OutputCache} that keeps the `capacity` most recently used entries.
 *
 * @example
 * const cache = new MemoryOutputCache(100);
 * cache.set('k', { table }); cache.get('k') // { table }
 */
export class MemoryOutputCache implements OutputCache {
  readonly capacity: number;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  readonly #entries = new Map<string, Record<string, unknown>>();

  constructor(capacity = 500) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Record<string, unknown> | undefined {
    const outputs = this.#entries.get(key);
    if (outputs === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, outputs);
    return outputs;
  }

  set(key: string, outputs: Record<string, unknown>): void {
    this.#entries.delete(key);
    this.#entries.set(key, outputs);
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
