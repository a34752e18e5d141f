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

interface Entry {
  key: string;
  outputs: Record<string, unknown>;
  newer: Entry | undefined;
  older: Entry | undefined;
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
  // A Map for lookup and a linked list for recency: a hit moves pointers instead of re-inserting
  // into the Map, which on every hit of a warm run cost more than the rest of the engine.
  readonly #entries = new Map<string, Entry>();
  #newest: Entry | undefined;
  #oldest: Entry | undefined;

  constructor(capacity = 500) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be an integer ≥ 1, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): Record<string, unknown> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#unlink(entry);
    this.#pushNewest(entry);
    return entry.outputs;
  }

  set(key: string, outputs: Record<string, unknown>): void {
    const existing = this.#entries.get(key);
    if (existing !== undefined) {
      existing.outputs = outputs;
      this.#unlink(existing);
      this.#pushNewest(existing);
      return;
    }
    const entry: Entry = { key, outputs, newer: undefined, older: undefined };
    this.#entries.set(key, entry);
    this.#pushNewest(entry);
    if (this.#entries.size > this.capacity && this.#oldest !== undefined) {
      const oldest = this.#oldest;
      this.#unlink(oldest);
      this.#entries.delete(oldest.key);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#newest = undefined;
    this.#oldest = undefined;
  }

  #unlink(entry: Entry): void {
    if (entry.newer) entry.newer.older = entry.older;
    else this.#newest = entry.older;
    if (entry.older) entry.older.newer = entry.newer;
    else this.#oldest = entry.newer;
    entry.newer = undefined;
    entry.older = undefined;
  }

  #pushNewest(entry: Entry): void {
    entry.older = this.#newest;
    if (this.#newest) this.#newest.newer = entry;
    this.#newest = entry;
    if (this.#oldest === undefined) this.#oldest = entry;
  }
}
