/** Something with a deadline on the `performance.now()` clock. */
export interface HasDeadline {
  deadline: number;
}

// setTimeout takes at most a signed 32-bit delay.
const maxDelay = 2 ** 31 - 1;

/**
 * One timer for all running nodes' time limits instead of one per node: it is armed for the
 * earliest deadline and, when it fires, expires what is due and re-arms for the next. Starting a
 * node with a later deadline than the armed one costs nothing.
 */
export class Deadlines<T extends HasDeadline> {
  readonly #running: ReadonlySet<T>;
  readonly #expire: (item: T) => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  constructor(running: ReadonlySet<T>, expire: (item: T) => void) {
    this.#running = running;
    this.#expire = expire;
  }

  /** Call after adding `item` to the running set. */
  track(item: T): void {
    if (item.deadline < this.#armedAt) this.#arm(item.deadline);
  }

  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedAt = at;
    const delay = Math.min(maxDelay, Math.max(0, Math.ceil(at - performance.now())));
    this.#timer = setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
    // Timers may fire up to a millisecond before performance.now() reaches the deadline.
    const now = performance.now() + 1;
    const due: T[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const item of this.#running) {
      if (item.deadline <= now) due.push(item);
      else if (item.deadline < next) next = item.deadline;
    }
    for (const item of due) this.#expire(item);
    if (next < this.#armedAt && next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
