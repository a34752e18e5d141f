/**
 * Slows password guessing: after `limit` failed sign-ins for one name within `windowMs`, further
 * attempts for that name are refused until the window has passed. In memory, per process.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `name` may try again; 0 when it may try now. */
  retryAfterMs(name: string): number {
    const recent = this.recent(name);
    if (recent.length < this.limit) return 0;
    return (recent[recent.length - this.limit] as number) + this.windowMs - this.now();
  }

  failed(name: string): void {
    const recent = this.recent(name);
    recent.push(this.now());
    this.failures.set(name, recent);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeeded(name: string): void {
    this.failures.delete(name);
  }

  private recent(name: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(name) ?? []).filter((at) => at > since);
  }
}
