const msPerDay = 86_400_000;

/**
 * Year, month (1–12) and day (1–31) of a day count since 1970-01-01, in the proleptic Gregorian
 * calendar (H. Hinnant's days-to-civil): integer arithmetic, no Date object per row.
 */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whole UTC days since 1970-01-01 of epoch milliseconds. */
export const daysOf = (ms: number): number => Math.floor(ms / msPerDay);

/** ISO day of week, 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const isoDayOfWeek = (days: number): number => ((((days + 3) % 7) + 7) % 7) + 1;

const cumulativeDays = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

/** Day of the year, 1–366. */
export function dayOfYear(year: number, month: number, day: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return (cumulativeDays[month - 1] as number) + day + (leap && month > 2 ? 1 : 0);
}

/** Hour of the UTC day, 0–23. */
export const hourOf = (ms: number): number => Math.floor((ms - daysOf(ms) * msPerDay) / 3_600_000);
