/** A timer handle from a {@link Clock}. */
export interface ClockTimer {
  cancel(): void;
}

/** Time as the scheduler sees it: injectable, so tests drive it instead of waiting. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once `ms` have passed on this clock. */
  setTimeout(fn: () => void, ms: number): ClockTimer;
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return { cancel: () => clearTimeout(timer) };
  },
};

/** A clock that moves only when told to, firing due timers as it passes them. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; fn: () => void }> = [];

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): ClockTimer {
    const timer = { at: this.current + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Moves to `to` (never backwards), firing the timers that fall due on the way, in order. */
  set(to: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = Math.max(this.current, to);
  }

  /** How many timers are waiting: a test knows a loop has re-armed itself when this goes up. */
  get pending(): number {
    return this.timers.length;
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }
}
