import { createRandom, type Random } from '../learn/random';

/** A searched value: a number, text or a flag. */
export type ParamValue = number | string | boolean;

/** One parameter's space: listed values, or a numeric range (log-spaced with `log`, whole numbers with `integer`). */
export type ParamSpace = { values: ParamValue[] } | { min: number; max: number; log: boolean; integer: boolean; steps: number };

/** The most configurations a grid may hold. */
export const maxGridSize = 10_000;

function rangeValue(space: Extract<ParamSpace, { min: number }>, u: number): number {
  const v = space.log
    ? Math.exp(Math.log(space.min) + u * (Math.log(space.max) - Math.log(space.min)))
    : space.min + u * (space.max - space.min);
  return space.integer ? Math.round(v) : v;
}

/** The values a grid tries for one parameter: the list, or `steps` evenly (or log-evenly) spaced points of the range. */
export function gridValues(space: ParamSpace): ParamValue[] {
  if ('values' in space) return [...space.values];
  const n = Math.max(1, space.steps);
  const values = Array.from({ length: n }, (_, i) => rangeValue(space, n === 1 ? 0 : i / (n - 1)));
  return [...new Set(values)];
}

/** How many configurations a grid over `spaces` holds. */
export function gridSize(spaces: Record<string, ParamSpace>): number {
  return Object.values(spaces).reduce((n, s) => n * gridValues(s).length, 1);
}

/**
 * Every combination of the parameters' grid values, the last parameter varying fastest.
 *
 * @example
 * gridCandidates({ C: { values: [0.1, 1] }, maxIter: { values: [50] } }) // [{ C: 0.1, maxIter: 50 }, { C: 1, maxIter: 50 }]
 */
export function gridCandidates(spaces: Record<string, ParamSpace>): Record<string, ParamValue>[] {
  let out: Record<string, ParamValue>[] = [{}];
  for (const [name, space] of Object.entries(spaces)) {
    const values = gridValues(space);
    out = out.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return out;
}

function draw(space: ParamSpace, random: Random): ParamValue {
  if ('values' in space) return space.values[random.int(space.values.length)] as ParamValue;
  return rangeValue(space, random.next());
}

/**
 * `count` configurations drawn at random with `seed`: listed values uniformly, ranges uniformly (or
 * log-uniformly). Repeats are drawn again (a bounded number of times), so a small space is not
 * searched twice over.
 *
 * @example
 * randomCandidates({ C: { min: 0.01, max: 100, log: true, integer: false, steps: 5 } }, 20, 0)
 */
export function randomCandidates(spaces: Record<string, ParamSpace>, count: number, seed: number): Record<string, ParamValue>[] {
  const random = createRandom(seed);
  const seen = new Set<string>();
  const out: Record<string, ParamValue>[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const candidate = Object.fromEntries(Object.entries(spaces).map(([name, space]) => [name, draw(space, random)]));
    const key = JSON.stringify(candidate);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(candidate);
  }
  return out;
}
