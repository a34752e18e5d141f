import { expect, it } from 'vitest';
import { formatMetric } from './format-metric';

it('shows counts whole, scores to four decimals, a missing value as a dash, and signs gains', () => {
  expect([formatMetric(250), formatMetric(12_000), formatMetric(0.81894), formatMetric(null)]).toEqual(['250', '12,000', '0.8189', '—']);
  expect([formatMetric(0.0123, true), formatMetric(-0.5, true), formatMetric(0, true)]).toEqual(['+0.0123', '-0.5000', '0']);
});
