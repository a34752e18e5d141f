import type { SignInThrottleLimits } from './sign-in-settings';

/** Who is signing in: the name tried and the client address it came from. */
export interface SignInAttempt {
  name: string;
  address: string;
}

const defaultLimits: SignInThrottleLimits = { perName: 10, perAddress: 50, windowMs: 15 * 60 * 1000 };

/**
 * Slows password guessing: after too many failed sign-ins for one name, or from one client address,
 * within the window, further attempts for that name (or from that address) are refused until the
 * window has passed. In memory, per process, bounded to `capacity` keys; when full it forgets keys
 * that are not refused before any that are, so failing many other names cannot lift a refusal.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly limits: SignInThrottleLimits;

  constructor(
    limits: Partial<SignInThrottleLimits> = {},
    private readonly now: () => number = Date.now,
    private readonly capacity = 10_000,
  ) {
    this.limits = { ...defaultLimits, ...limits };
  }

  /** Milliseconds until this attempt may be made; 0 when it may be made now. */
  retryAfterMs(attempt: SignInAttempt): number {
    return Math.max(
      this.wait(`name:${attempt.name}`, this.limits.perName),
      this.wait(`address:${attempt.address}`, this.limits.perAddress),
    );
  }

  failed(attempt: SignInAttempt): void {
    this.record(`name:${attempt.name}`);
    this.record(`address:${attempt.address}`);
    if (this.failures.size > this.capacity) this.forgetOne();
  }

  /** A right password clears its name; the address keeps its count, or one account could launder guesses at others. */
  succeeded(attempt: SignInAttempt): void {
    this.failures.delete(`name:${attempt.name}`);
  }

  private wait(key: string, limit: number): number {
    const recent = this.recent(key);
    if (recent.length < limit) return 0;
    return (recent[recent.length - limit] as number) + this.limits.windowMs - this.now();
  }

  private record(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent);
  }

  private forgetOne(): void {
    let oldestFree: string | undefined;
    for (const key of this.failures.keys()) {
      const recent = this.recent(key);
      if (recent.length === 0) {
        this.failures.delete(key);
        return;
      }
      const limit = key.startsWith('name:') ? this.limits.perName : this.limits.perAddress;
      if (oldestFree === undefined && recent.length < limit) oldestFree = key;
    }
    // Every key is refused: forget the one touched least recently.
    this.failures.delete(oldestFree ?? (this.failures.keys().next().value as string));
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }
}
