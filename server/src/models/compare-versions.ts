import { compareMetricNames } from '@causeway/sdk';
import type { ModelVersion } from './model-version';

/** One metric of two versions: `delta` is b − a, null when either lacks it. */
export interface MetricComparison {
  name: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

/** One training statistic of a feature that differs between the versions' cards. */
export interface StatisticChange {
  feature: string;
  statistic: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

/** What {@link compareVersions} reports. */
export interface VersionComparison {
  name: string;
  a: { version: number; stage: string; createdAt: string };
  b: { version: number; stage: string; createdAt: string };
  metrics: MetricComparison[];
  card: {
    task: { a: unknown; b: unknown; changed: boolean };
    target: { a: unknown; b: unknown; changed: boolean };
    features: { added: string[]; removed: string[]; typeChanged: Array<{ name: string; a: string; b: string }> };
    classes: { added: string[]; removed: string[] };
    statistics: StatisticChange[];
  };
}

interface CardFeature {
  name: string;
  type: string;
  stats: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function featuresOf(card: unknown): Map<string, CardFeature> {
  const features = isRecord(card) && Array.isArray(card.features) ? card.features : [];
  const byName = new Map<string, CardFeature>();
  for (const f of features) {
    if (isRecord(f) && typeof f.name === 'string') {
      byName.set(f.name, { name: f.name, type: String(f.type ?? ''), stats: isRecord(f.stats) ? f.stats : {} });
    }
  }
  return byName;
}

function classesOf(card: unknown): string[] {
  return isRecord(card) && Array.isArray(card.classes) ? card.classes.map(String) : [];
}

const numberOr = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const deltaOf = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

/** The scalar statistics of a feature (mean, std, nulls, …) and its category frequencies, as flat names. */
function flatStats(stats: Record<string, unknown>): Map<string, number> {
  const flat = new Map<string, number>();
  for (const [key, value] of Object.entries(stats)) {
    if (typeof value === 'number') flat.set(key, value);
    else if (key === 'frequencies' && isRecord(value)) {
      for (const [category, count] of Object.entries(value)) if (typeof count === 'number') flat.set(`frequencies.${category}`, count);
    }
  }
  return flat;
}

function statisticChanges(a: Map<string, CardFeature>, b: Map<string, CardFeature>): StatisticChange[] {
  const changes: StatisticChange[] = [];
  for (const [name, left] of a) {
    const right = b.get(name);
    if (right === undefined) continue;
    const sa = flatStats(left.stats);
    const sb = flatStats(right.stats);
    for (const statistic of new Set([...sa.keys(), ...sb.keys()])) {
      const va = sa.get(statistic) ?? null;
      const vb = sb.get(statistic) ?? null;
      if (va !== vb) changes.push({ feature: name, statistic, a: va, b: vb, delta: deltaOf(va, vb) });
    }
  }
  return changes;
}

/**
 * Compares two versions of a model: every metric either has, side by side with b − a, and the card's
 * task, target, features (added, removed, retyped), classes and per-feature training statistics.
 */
export function compareVersions(a: ModelVersion, b: ModelVersion): VersionComparison {
  const metricNames = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort(compareMetricNames);
  const metrics = metricNames.map((name) => {
    const va = numberOr(a.metrics[name]);
    const vb = numberOr(b.metrics[name]);
    return { name, a: va, b: vb, delta: deltaOf(va, vb) };
  });
  const fa = featuresOf(a.card);
  const fb = featuresOf(b.card);
  const ca = classesOf(a.card);
  const cb = classesOf(b.card);
  const field = (key: string) => {
    const va = isRecord(a.card) ? a.card[key] : undefined;
    const vb = isRecord(b.card) ? b.card[key] : undefined;
    return { a: va ?? null, b: vb ?? null, changed: JSON.stringify(va) !== JSON.stringify(vb) };
  };
  return {
    name: a.name,
    a: { version: a.version, stage: a.stage, createdAt: a.createdAt },
    b: { version: b.version, stage: b.stage, createdAt: b.createdAt },
    metrics,
    card: {
      task: field('task'),
      target: field('target'),
      features: {
        added: [...fb.keys()].filter((n) => !fa.has(n)),
        removed: [...fa.keys()].filter((n) => !fb.has(n)),
        typeChanged: [...fa.values()].flatMap((f) => {
          const other = fb.get(f.name);
          return other !== undefined && other.type !== f.type ? [{ name: f.name, a: f.type, b: other.type }] : [];
        }),
      },
      classes: { added: cb.filter((c) => !ca.includes(c)), removed: ca.filter((c) => !cb.includes(c)) },
      statistics: statisticChanges(fa, fb),
    },
  };
}
