import { UserError } from '@causeway/sdk';
import { createRandom } from '../learn/random';

/** How rows are dealt into folds. */
export type FoldStrategy = 'kfold' | 'stratified' | 'group';

/** Fisher–Yates shuffle of `0 … n−1` with a seeded generator. */
function permutation(n: number, seed: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = createRandom(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

function checkFolds(n: number, k: number, what: string): void {
  if (k < 2) throw new UserError('CONFIG_INVALID', `Cross-validation needs at least 2 folds, not ${k}.`);
  if (n < k) throw new UserError('INPUT_INVALID', `There are ${n} ${what} for ${k} folds; each fold needs at least one.`);
}

/**
 * K-fold, as scikit-learn's KFold: consecutive blocks (the first n mod k one row larger), of the rows
 * in order or shuffled with `seed`. Returns each row's fold.
 *
 * @example
 * kFold(5, 2, { shuffle: false, seed: 0 }) // Int32Array [0, 0, 0, 1, 1]
 */
export function kFold(n: number, k: number, options: { shuffle: boolean; seed: number }): Int32Array {
  checkFolds(n, k, 'rows');
  const order = options.shuffle ? permutation(n, options.seed) : null;
  const fold = new Int32Array(n);
  const base = Math.floor(n / k);
  const larger = n % k;
  let at = 0;
  for (let f = 0; f < k; f++) {
    const size = base + (f < larger ? 1 : 0);
    for (let s = 0; s < size; s++, at++) fold[order ? (order[at] as number) : at] = f;
  }
  return fold;
}

/**
 * Stratified k-fold: each class's rows (in order, or shuffled with `seed`) are dealt round the folds
 * in turn, continuing where the previous class stopped, so every fold holds each class in the
 * proportion of the whole (within one row) and the folds differ in size by at most one row.
 *
 * @example
 * stratifiedFold(Int32Array.of(0, 0, 1, 1), 2, { shuffle: false, seed: 0 }) // Int32Array [0, 1, 0, 1]
 */
export function stratifiedFold(y: Int32Array, k: number, options: { shuffle: boolean; seed: number }): Int32Array {
  const n = y.length;
  checkFolds(n, k, 'rows');
  let classes = 0;
  for (let i = 0; i < n; i++) classes = Math.max(classes, (y[i] as number) + 1);
  const byClass: number[][] = Array.from({ length: classes }, () => []);
  const order = options.shuffle ? permutation(n, options.seed) : null;
  for (let r = 0; r < n; r++) {
    const i = order ? (order[r] as number) : r;
    (byClass[y[i] as number] as number[]).push(i);
  }
  const fold = new Int32Array(n);
  let next = 0;
  for (const rows of byClass) {
    for (const i of rows) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/**
 * Group k-fold, as scikit-learn's GroupKFold: groups, largest first, each go whole to the fold with
 * the fewest rows so far, so no group is ever split between training and test. `groups` is each
 * row's group code in `0 … groupCount−1`.
 *
 * @example
 * groupFold(Int32Array.of(0, 0, 1, 2), 3, 2) // group 0 in one fold, groups 1 and 2 in the other
 */
export function groupFold(groups: Int32Array, groupCount: number, k: number): Int32Array {
  checkFolds(groupCount, k, 'groups');
  const sizes = new Float64Array(groupCount);
  for (let i = 0; i < groups.length; i++) sizes[groups[i] as number] = (sizes[groups[i] as number] as number) + 1;
  const order = Array.from({ length: groupCount }, (_, g) => g).sort((a, b) => (sizes[b] as number) - (sizes[a] as number) || a - b);
  const load = new Float64Array(k);
  const foldOfGroup = new Int32Array(groupCount);
  for (const g of order) {
    let best = 0;
    for (let f = 1; f < k; f++) if ((load[f] as number) < (load[best] as number)) best = f;
    foldOfGroup[g] = best;
    load[best] = (load[best] as number) + (sizes[g] as number);
  }
  return Int32Array.from(groups, (g) => foldOfGroup[g] as number);
}

/** The rows in fold `f` (test) and the rest (training), each in row order. */
export function foldRows(fold: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  let testCount = 0;
  for (let i = 0; i < fold.length; i++) if (fold[i] === f) testCount++;
  const test = new Int32Array(testCount);
  const train = new Int32Array(fold.length - testCount);
  let a = 0;
  let b = 0;
  for (let i = 0; i < fold.length; i++) {
    if (fold[i] === f) test[a++] = i;
    else train[b++] = i;
  }
  return { train, test };
}
