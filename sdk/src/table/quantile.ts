/**
 * The q-quantile of ascending-sorted values, interpolating linearly between neighbours (NumPy's default).
 *
 * @example
 * quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const at = q * (n - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, n - 1);
  const low = sorted[lo] as number;
  return low + ((sorted[hi] as number) - low) * (at - lo);
}

/**
 * The non-null values of a column, sorted ascending, for quantiles and medians.
 *
 * @example
 * presentSorted(Float64Array.of(3, 1, 2), null) // Float64Array [1, 2, 3]
 */
export function presentSorted(values: Float64Array | Uint8Array, valid: Uint8Array | null): Float64Array {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!valid || valid[i]) count++;
  const out = new Float64Array(count);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (!valid || valid[i]) out[j++] = values[i] as number;
  return out.sort();
}
