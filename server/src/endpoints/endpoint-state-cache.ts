import type { EndpointState } from './endpoint-state';

interface Cached {
  state: EndpointState | undefined;
  at: number;
  refreshing: boolean;
}

/**
 * Endpoint state for the predict path, so requests do not read the database. A change made through
 * this process is seen by the very next request (`put`); other processes read the row again once it is
 * older than `ttlMs` — in the background, while requests keep the state they have.
 */
export class EndpointStateCache {
  private readonly cached = new Map<string, Cached>();

  constructor(
    private readonly load: (name: string) => Promise<EndpointState | undefined>,
    private readonly ttlMs = 1_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Endpoints cached now (at most `maxEntries`). */
  get size(): number {
    return this.cached.size;
  }

  async get(name: string): Promise<EndpointState | undefined> {
    const entry = this.current(name);
    if (entry !== undefined) return entry.state;
    const state = await this.load(name);
    this.store(name, state);
    return state;
  }

  /**
   * What is cached for `name` (the state, or undefined for no such endpoint) without waiting, read again
   * in the background when old; undefined when nothing is cached yet (then use {@link get}).
   */
  current(name: string): { state: EndpointState | undefined } | undefined {
    const entry = this.cached.get(name);
    if (entry === undefined) return undefined;
    if (!entry.refreshing && this.now() - entry.at > this.ttlMs) {
      entry.refreshing = true;
      this.load(name)
        .then((state) => this.store(name, state))
        .catch(() => {
          // Keep serving what we have; the next request tries again.
          entry.refreshing = false;
        });
    }
    return entry;
  }

  /** Records a state this process just wrote (or learned of), seen by the next request. */
  put(name: string, state: EndpointState | undefined): void {
    this.store(name, state);
  }

  private store(name: string, state: EndpointState | undefined): void {
    const current = this.cached.get(name)?.state;
    // A slow read that started before a newer change must not bring the older state back.
    const kept = state && current && current.revision > state.revision ? current : state;
    if (this.cached.size >= this.maxEntries && !this.cached.has(name)) this.cached.clear();
    this.cached.set(name, { state: kept, at: this.now(), refreshing: false });
  }
}
