/** One reading of a series: when (ms since the start) and the value. */
export interface Point {
  at: number;
  value: number;
}

/**
 * The Theil–Sen slope of a series (the median of the slopes between every pair of points), in value per
 * millisecond: a few outliers — a garbage collection, a run in flight at the sample — do not move it,
 * where a least-squares line would follow them.
 */
export function theilSenSlope(points: readonly Point[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const a = points[i] as Point;
      const b = points[j] as Point;
      if (b.at !== a.at) slopes.push((b.value - a.value) / (b.at - a.at));
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((x, y) => x - y);
  const mid = slopes.length >> 1;
  return slopes.length % 2 === 1 ? (slopes[mid] as number) : ((slopes[mid - 1] as number) + (slopes[mid] as number)) / 2;
}

/** The points after the first `fraction` of the time span (the warm-up). */
export function afterWarmUp(points: readonly Point[], fraction = 1 / 3): Point[] {
  if (points.length === 0) return [];
  const first = (points[0] as Point).at;
  const last = (points.at(-1) as Point).at;
  const from = first + (last - first) * fraction;
  return points.filter((p) => p.at >= from);
}

/** The median of the values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Growth after warm-up, as a percentage of the median level per 10 minutes. */
export function growthPer10Min(points: readonly Point[]): number {
  const steady = afterWarmUp(points);
  const level = median(steady.map((p) => p.value));
  if (!(level > 0)) return 0;
  return ((theilSenSlope(steady) * 600_000) / level) * 100;
}
