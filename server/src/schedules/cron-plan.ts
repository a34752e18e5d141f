import { UserError } from '@causeway/sdk';
import { Cron } from 'croner';

/** A cron expression read in a time zone; minute precision (five fields). */
export class CronPlan {
  private readonly cron: Cron;

  /** `REQUEST_INVALID` naming the field when the cron or the time zone is not valid. */
  constructor(
    readonly expression: string,
    readonly timezone: string,
  ) {
    if (!isTimeZone(timezone)) {
      throw new UserError('REQUEST_INVALID', `timezone: "${timezone}" is not an IANA time zone (e.g. "Europe/Amsterdam", "UTC").`, {
        details: { field: 'timezone' },
      });
    }
    try {
      this.cron = new Cron(expression, { timezone, paused: true, mode: '5-part' });
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error);
      throw new UserError('REQUEST_INVALID', `cron: "${expression}" is not a valid five-field cron expression: ${reason}`, {
        details: { field: 'cron' },
      });
    }
  }

  /** The first occurrence strictly after `after`, or null when there is none. */
  next(after: number): number | null {
    return this.cron.nextRun(new Date(after))?.getTime() ?? null;
  }

  /** Up to `count` occurrences strictly after `after`. */
  upcoming(after: number, count: number): number[] {
    return this.cron.nextRuns(count, new Date(after)).map((d) => d.getTime());
  }

  /**
   * Occurrences from `first` (itself one) up to and including `now`, at most `max` of them (the
   * latest kept), and the first occurrence after `now`.
   */
  due(first: number, now: number, max: number): { due: number[]; dropped: number; next: number | null } {
    const due: number[] = [];
    let dropped = 0;
    let at: number | null = first;
    while (at !== null && at <= now) {
      due.push(at);
      if (due.length > max) {
        due.shift();
        dropped++;
      }
      at = this.next(at);
    }
    return { due, dropped, next: at };
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}
