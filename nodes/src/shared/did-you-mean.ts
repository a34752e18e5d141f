import { levenshtein } from './levenshtein';

/**
 * The candidate closest to `name` (case-insensitive edit distance), if it is close enough to be
 * a likely typo: at most a third of the name's length (rounded up) in edits.
 *
 * @example
 * didYouMean('Agee', ['age', 'name']); // 'age'
 * didYouMean('zzz', ['age', 'name']);  // undefined
 */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(1, Math.ceil(name.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = levenshtein(wanted, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
