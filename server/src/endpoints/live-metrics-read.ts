import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';
import { type LiveMetricValues, type LiveSums, metricsOf } from './live-metric-sums';

/** One version's live metrics in one hour or day (start in ISO). */
export interface LiveMetricsItem extends LiveMetricValues {
  version: number;
  start: string;
}

/**
 * Live metrics from the hourly sums: never a scan of logged predictions, so one endpoint's figures
 * cost one indexed read of at most (versions × hours) rows, whatever the traffic.
 */
export async function readLiveMetrics(
  db: Kysely<Database>,
  endpoint: string,
  window: { period: 'hour' | 'day'; since: Date; until: Date; version?: number | undefined },
): Promise<{ items: LiveMetricsItem[]; versions: (LiveMetricValues & { version: number })[] }> {
  let query = db
    .selectFrom('endpoint_live_metrics')
    .select(['version', 'hour', 'task', 'count', 'correct', 'log_loss_sum', 'abs_error_sum', 'squared_error_sum'])
    // As JSON: the driver parses it with JSON.parse, many times faster than its parser of array literals.
    .select([sql<number[] | null>`to_json(positives)`.as('positives'), sql<number[] | null>`to_json(negatives)`.as('negatives')])
    .where('endpoint_name', '=', endpoint)
    .where('hour', '>=', sql<Date>`date_trunc('hour', ${window.since.toISOString()}::timestamptz)`)
    .where('hour', '<', sql<Date>`${window.until.toISOString()}::timestamptz`)
    .orderBy('hour')
    .orderBy('version');
  if (window.version !== undefined) query = query.where('version', '=', window.version);
  const rows = await query.execute();
  const periods = new Map<string, LiveSums[]>();
  const byVersion = new Map<number, LiveSums[]>();
  for (const row of rows) {
    const hour = new Date(row.hour);
    const sums: LiveSums = {
      version: row.version,
      hour,
      task: row.task === 'regression' ? 'regression' : 'classification',
      count: Number(row.count),
      correct: Number(row.correct),
      logLossSum: row.log_loss_sum,
      absErrorSum: row.abs_error_sum,
      squaredErrorSum: row.squared_error_sum,
      positives: row.positives,
      negatives: row.negatives,
    };
    const start = window.period === 'hour' ? hour.toISOString() : `${hour.toISOString().slice(0, 10)}T00:00:00.000Z`;
    push(periods, `${start}|${row.version}`, sums);
    push(byVersion, row.version, sums);
  }
  const items = [...periods.entries()].map(([key, sums]) => {
    const [start = '', version] = key.split('|');
    return { version: Number(version), start, ...metricsOf(sums) };
  });
  const versions = [...byVersion.entries()].map(([version, sums]) => ({ version, ...metricsOf(sums) }));
  return { items, versions };
}

function push<K>(map: Map<K, LiveSums[]>, key: K, value: LiveSums): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
