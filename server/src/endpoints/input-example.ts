import type { ModelCard, ModelFeature } from '@causeway/sdk';

interface StatsLike {
  kind?: unknown;
  mean?: unknown;
  quantiles?: { at?: unknown; values?: unknown };
  frequencies?: unknown;
}

function median(stats: StatsLike): number | undefined {
  const at = stats.quantiles?.at;
  const values = stats.quantiles?.values;
  if (Array.isArray(at) && Array.isArray(values)) {
    const k = at.indexOf(0.5);
    if (k >= 0 && typeof values[k] === 'number' && Number.isFinite(values[k])) return values[k];
  }
  return typeof stats.mean === 'number' && Number.isFinite(stats.mean) ? stats.mean : undefined;
}

function mostFrequent(stats: StatsLike): string | undefined {
  if (typeof stats.frequencies !== 'object' || stats.frequencies === null) return undefined;
  let best: [string, number] | undefined;
  for (const [value, count] of Object.entries(stats.frequencies as Record<string, unknown>)) {
    if (typeof count === 'number' && (best === undefined || count > best[1])) best = [value, count];
  }
  return best?.[0];
}

/**
 * The columns a request sends: the raw columns of a version with a scoring path (they have no training
 * statistics), else the card's features.
 */
export function requestFields(card: ModelCard): ModelFeature[] {
  const path = card.scoringPath as { inputs?: unknown } | undefined;
  if (!Array.isArray(path?.inputs)) return card.features ?? [];
  return (path.inputs as ModelFeature[]).map((c) => ({ name: c.name, type: c.type }));
}

/**
 * A typical input row, from the card's training statistics: the median of numbers, the most frequent
 * text. Features without statistics (and the raw columns of a scoring path) get a placeholder of their type.
 */
export function inputExample(card: ModelCard): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const feature of requestFields(card)) {
    const stats = (feature.stats ?? {}) as StatsLike;
    const middle = median(stats);
    switch (feature.type) {
      case 'integer':
        row[feature.name] = Math.round(middle ?? 0);
        break;
      case 'boolean':
        row[feature.name] = (middle ?? 0) >= 0.5;
        break;
      case 'date':
        row[feature.name] = new Date(Math.round(middle ?? 0)).toISOString();
        break;
      case 'number':
        row[feature.name] = Number((middle ?? 0).toPrecision(6));
        break;
      default:
        row[feature.name] = mostFrequent(stats) ?? '';
    }
  }
  return row;
}
