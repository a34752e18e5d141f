import type { Kysely } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../db/database';
import { readLiveMetrics } from '../endpoints/live-metrics-read';

const metricNames = ['accuracy', 'auc', 'logLoss', 'rmse', 'mae'] as const;

/**
 * `causeway_endpoint_live_metric{endpoint, version, metric}`: live performance over the last 24 hours
 * from outcomes sent as feedback (every process's), read from the hourly sums at each scrape.
 */
export function livePerformanceMetrics(registry: Registry, db: Kysely<Database>): void {
  new Gauge({
    name: 'causeway_endpoint_live_metric',
    help: 'Live performance over the last 24 hours from feedback: accuracy, auc, logLoss, rmse, mae, count.',
    labelNames: ['endpoint', 'version', 'metric'],
    registers: [registry],
    async collect() {
      this.reset();
      const until = new Date();
      const since = new Date(until.getTime() - 86_400_000);
      const endpoints = await db.selectFrom('endpoints').select('name').where('feedback', '=', true).execute();
      for (const { name } of endpoints) {
        const { versions } = await readLiveMetrics(db, name, { period: 'day', since, until });
        for (const v of versions) {
          const labels = { endpoint: name, version: String(v.version) };
          this.set({ ...labels, metric: 'count' }, v.count);
          for (const metric of metricNames) {
            const value = v[metric];
            if (typeof value === 'number' && Number.isFinite(value)) this.set({ ...labels, metric }, value);
          }
        }
      }
    },
  });
}
