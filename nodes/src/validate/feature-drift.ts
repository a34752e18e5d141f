import { categoryText, columnTypeOf, presentSorted, type ReportCheck, readColumn } from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import { binCounts, ksAgainstHistogram, ksStatistic, psi } from '../ml/metrics/drift-statistics';
import type { FeatureStats } from '../ml/onnx/feature-stats';

/** PSI and KS limits: a feature drifts when PSI > `psi` or KS > `ks`. */
export interface DriftThresholds {
  psi: number;
  ks: number;
}

const round = (v: number): number => Number(v.toFixed(4));

/** The present values of a numeric column, sorted; undefined for text columns. */
export function sortedNumbers(vector: Vector): Float64Array | undefined {
  const column = readColumn(vector);
  return column.kind === 'number' || column.kind === 'boolean' ? presentSorted(column.values, column.valid) : undefined;
}

function categoryCounts(vector: Vector): Map<string, number> {
  const column = readColumn(vector);
  const text = categoryText(column);
  const counts = new Map<string, number>();
  for (let i = 0; i < column.length; i++) {
    if (column.valid && !column.valid[i]) continue;
    const key = text(i);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function verdict(name: string, values: { psi: number; ks?: number }, limits: DriftThresholds, extra: Record<string, unknown>): ReportCheck {
  const psiDrift = !(values.psi <= limits.psi);
  const ksDrift = values.ks !== undefined && !(values.ks <= limits.ks);
  const parts = [`PSI ${round(values.psi)}${psiDrift ? ` > ${limits.psi}` : ''}`];
  if (values.ks !== undefined) parts.push(`KS ${round(values.ks)}${ksDrift ? ` > ${limits.ks}` : ''}`);
  const passed = !psiDrift && !ksDrift;
  return {
    name: `${name} drift`,
    passed,
    message: `${passed ? 'stable' : 'drifted'}: ${parts.join(', ')}`,
    details: { psi: values.psi, ...(values.ks === undefined ? {} : { ks: values.ks }), ...extra },
  };
}

/**
 * PSI and KS of a current column against a reference's training statistics (a model card's
 * `features[].stats`, or statistics of a reference table). Numbers: PSI over the reference
 * histogram's bins, KS exact when the reference's sorted values are given, else at the bin edges.
 * Categories: PSI over the reference's categories plus one bin for everything else.
 */
export function featureDrift(
  name: string,
  stats: FeatureStats,
  current: Vector,
  limits: DriftThresholds,
  referenceSorted?: Float64Array,
): ReportCheck {
  if (stats.kind === 'numeric') {
    const sorted = sortedNumbers(current);
    if (!sorted) return { name: `${name} drift`, passed: false, message: `is ${columnTypeOf(current.type)} now, numeric in the reference` };
    const { edges, counts } = stats.histogram;
    const now = binCounts(edges, sorted);
    const ks = referenceSorted ? ksStatistic(referenceSorted, sorted) : ksAgainstHistogram(edges, counts, sorted);
    const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
    return verdict(name, { psi: psi(counts, now), ks }, limits, {
      reference: { mean: stats.mean, std: stats.std, counts },
      current: { mean, counts: now },
    });
  }
  const now = categoryCounts(current);
  const labels = Object.keys(stats.frequencies);
  const reference = [...labels.map((l) => stats.frequencies[l] ?? 0), stats.other];
  const known = new Set(labels);
  let other = 0;
  for (const [key, c] of now) if (!known.has(key)) other += c;
  const counts = [...labels.map((l) => now.get(l) ?? 0), other];
  return verdict(name, { psi: psi(reference, counts) }, limits, { labels: [...labels, '(other)'], reference, current: counts });
}
