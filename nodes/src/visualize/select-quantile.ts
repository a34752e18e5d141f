/** Puts the k-th smallest of `a` at index k, smaller ones before and larger ones after (Hoare's quickselect). */
function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    // median of three as the pivot, so sorted input stays linear
    const mid = (lo + hi) >> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The q-quantile of `a`, interpolating linearly between neighbours (NumPy's default, as
 * `quantileSorted`), in linear time; reorders `a`.
 *
 * @example
 * quantileInPlace(Float64Array.of(4, 1, 3, 2), 0.5) // 2.5
 */
export function quantileInPlace(a: Float64Array, q: number): number {
  const n = a.length;
  if (n === 0) return Number.NaN;
  const at = q * (n - 1);
  const k = Math.floor(at);
  selectInPlace(a, k);
  const low = a[k] as number;
  if (at === k || k + 1 >= n) return low;
  // after selection everything past k is at least a[k]; the next order statistic is their minimum
  let next = Number.POSITIVE_INFINITY;
  for (let i = k + 1; i < n; i++) if ((a[i] as number) < next) next = a[i] as number;
  return low + (next - low) * (at - k);
}
