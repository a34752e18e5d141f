/**
 * A seeded pseudo-random generator (mulberry32): 32-bit integer arithmetic only, so a seed gives the same
 * sequence in every browser, Node version and worker.
 *
 * @example
 * const next = seededRandom(7);
 * next(); // a float in [0, 1), the same on every run
 */
export function seededRandom(seed: number): () => number {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Shuffles `values` in place (Fisher–Yates) with a seeded generator; returns it.
 *
 * @example
 * shuffleInPlace(Int32Array.of(0, 1, 2, 3), seededRandom(1))
 */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(values: T, random: () => number): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i] as number;
    values[i] = values[j] as number;
    values[j] = t;
  }
  return values;
}
