import { expect, test } from 'vitest';
import { CronPlan } from './cron-plan';
import { localIso } from './schedule-info';

const upcoming = (plan: CronPlan, from: string, count: number) =>
  plan.upcoming(Date.parse(from), count).map((at) => localIso(at, plan.timezone));

test('a daily job across both daylight-saving changes runs once a day: a skipped local time runs at the first moment after it', () => {
  const plan = new CronPlan('30 2 * * *', 'Europe/Amsterdam');
  // 2026-03-29: clocks jump 02:00 → 03:00, so 02:30 does not exist that day.
  expect(upcoming(plan, '2026-03-27T12:00:00Z', 3)).toEqual([
    '2026-03-28T02:30:00+01:00',
    '2026-03-29T03:00:00+02:00',
    '2026-03-30T02:30:00+02:00',
  ]);
  // 2026-10-25: 02:00–03:00 happens twice; the job runs on the first.
  expect(upcoming(plan, '2026-10-24T12:00:00Z', 2)).toEqual(['2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00']);
});

test('an interval job keeps its real-time interval through the repeated hour', () => {
  const plan = new CronPlan('*/30 * * * *', 'Europe/Amsterdam');
  expect(upcoming(plan, '2026-10-25T00:15:00Z', 4)).toEqual([
    '2026-10-25T02:30:00+02:00',
    '2026-10-25T02:00:00+01:00',
    '2026-10-25T02:30:00+01:00',
    '2026-10-25T03:00:00+01:00',
  ]);
});

test('due occurrences since a point, the cap keeping the latest, and the next one after now', () => {
  const plan = new CronPlan('0 * * * *', 'UTC');
  const hour = 3_600_000;
  const first = Date.parse('2026-01-01T00:00:00Z');
  expect(plan.due(first, first + 5 * hour + 1, 3)).toEqual({
    due: [3, 4, 5].map((h) => first + h * hour),
    dropped: 3,
    next: first + 6 * hour,
  });
  expect(new CronPlan('0 0 30 2 *', 'UTC').next(first)).toBeNull();
});
