import { describe, expect, it } from 'vitest';
import { compareMetricNames, orderMetrics } from './order-metrics';

describe('orderMetrics', () => {
  it('puts headline metrics first whatever the key order, then the rest by name, rows last', () => {
    const computed = { accuracy: 0.9, rows: 10, 'precision.yes': 0.8, f1_macro: 0.85, log_loss: 0.3, auc: 0.95, 'f1.no': 0.7 };
    // PostgreSQL's jsonb stores keys shortest first: the order a server run reads back.
    const stored = { auc: 0.95, rows: 10, 'f1.no': 0.7, accuracy: 0.9, f1_macro: 0.85, log_loss: 0.3, 'precision.yes': 0.8 };
    const names = orderMetrics(computed).map(([name]) => name);
    expect(names).toEqual(['auc', 'accuracy', 'f1_macro', 'log_loss', 'f1.no', 'precision.yes', 'rows']);
    expect(orderMetrics(stored)).toEqual(orderMetrics(computed));
  });

  it('orders regression and clustering figures', () => {
    expect(orderMetrics({ rows: 3, mae: 1, rmse: 2, r2: 0.5, mse: 4 }).map(([n]) => n)).toEqual(['r2', 'rmse', 'mae', 'mse', 'rows']);
    expect(orderMetrics({ inertia: 9, silhouette: 0.4 }).map(([n]) => n)).toEqual(['silhouette', 'inertia']);
  });

  it('sorts bare names the same way', () => {
    expect(['rows', 'mae', 'custom', 'r2'].sort(compareMetricNames)).toEqual(['r2', 'mae', 'custom', 'rows']);
  });
});
