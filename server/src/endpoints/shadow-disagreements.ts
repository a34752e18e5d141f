/**
 * How many rows the shadow answered differently from the answer. Numbers (regressions) within
 * `tolerance` of each other agree, so float noise between two equivalent models is not a disagreement;
 * anything else (a class, a cluster, null) must be equal.
 *
 * @example
 * shadowDisagreements([1.0, 2.0, 'yes'], [1.004, 2.5, 'yes'], 0.01) // 1
 */
export function shadowDisagreements(answer: readonly unknown[], shadow: readonly unknown[], tolerance: number): number {
  let disagreements = 0;
  const n = Math.max(answer.length, shadow.length);
  for (let i = 0; i < n; i++) {
    const a = answer[i];
    const b = shadow[i];
    if (a === b) continue;
    if (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tolerance) continue;
    disagreements++;
  }
  return disagreements;
}
