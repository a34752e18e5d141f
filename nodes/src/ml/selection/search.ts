import type { Table } from 'apache-arrow';
import { checkpoint, reportProgress, type TrainControl } from '../learn/control';
import { createRandom } from '../learn/random';
import { assignFolds, type FoldOptions } from './assign-folds';
import { crossValidate, summarize } from './cross-validate';
import { lowerIsBetter } from './fold-scores';
import type { LearnerRun, PreparedData } from './prepare';
import type { ParamValue } from './search-space';

/** One configuration scored on one round's rows. */
export interface SearchResult {
  candidate: number;
  params: Record<string, ParamValue>;
  /** Successive halving's round (0 for grid and random search). */
  round: number;
  /** Rows cross-validated on. */
  rows: number;
  mean: number;
  std: number;
  seconds: number;
  /** Every metric's mean over the folds. */
  values: Record<string, number>;
}

/** What {@link runSearch} needs. */
export interface Search {
  data: PreparedData;
  table: Table;
  candidates: Record<string, ParamValue>[];
  /** The learner's fit for a configuration. */
  fitOf(params: Record<string, ParamValue>): Promise<LearnerRun['fit']>;
  folds: FoldOptions;
  metric: string;
  /** Successive halving's factor; absent for an exhaustive search of the candidates. */
  halving?: { factor: number };
}

/** Larger is better: the metric, negated where smaller is better. */
export function scoreOf(metric: string, mean: number): number {
  return lowerIsBetter.has(metric) ? -mean : mean;
}

/** A seeded order of the prepared rows; successive halving's rounds train on its first r rows. */
function rowOrder(n: number, seed: number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(seed ^ 0x5bd1e995);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

/**
 * Cross-validates every candidate (grid or random search), or races them by successive halving:
 * all candidates on a small sample of rows, the best 1/factor of them on factor times as many, and so
 * on until the last round uses every row (as scikit-learn's HalvingRandomSearchCV with rows as the
 * resource). Returns every round's results, in order.
 */
export async function runSearch(search: Search, control: TrainControl = {}): Promise<SearchResult[]> {
  const n = search.data.x.rows;
  const factor = search.halving?.factor ?? 1;
  const rounds = search.halving ? Math.max(1, Math.ceil(Math.log(search.candidates.length) / Math.log(factor) - 1e-9)) : 1;
  const minRows = Math.min(n, Math.max(search.folds.folds * 2, Math.floor(n / factor ** (rounds - 1))));
  const order = search.halving ? rowOrder(n, search.folds.seed) : null;
  let alive = search.candidates.map((params, candidate) => ({ params, candidate }));
  const results: SearchResult[] = [];
  const total = search.halving ? alive.length * rounds : alive.length;
  let done = 0;
  for (let round = 0; round < rounds && alive.length > 0; round++) {
    const rowsUsed = round === rounds - 1 ? n : Math.min(n, minRows * factor ** round);
    const subset = order && rowsUsed < n ? Int32Array.from(order.subarray(0, rowsUsed)).sort() : undefined;
    const fold = assignFolds(search.data, search.table, search.folds, subset);
    const scored: SearchResult[] = [];
    for (const { params, candidate } of alive) {
      await checkpoint(control);
      const fit = await search.fitOf(params);
      const started = performance.now();
      const part: TrainControl = {
        ...(control.signal ? { signal: control.signal } : {}),
        progress: (f) => reportProgress(control, (done + f) / total),
      };
      const folds = await crossValidate(
        { data: search.data, fold, folds: search.folds.folds, fit, ...(subset ? { rows: subset } : {}) },
        part,
      );
      const summary = summarize(folds);
      const metric = summary[search.metric] ?? { mean: Number.NaN, std: Number.NaN };
      scored.push({
        candidate,
        params,
        round,
        rows: subset ? subset.length : n,
        mean: metric.mean,
        std: metric.std,
        seconds: (performance.now() - started) / 1000,
        values: Object.fromEntries(Object.entries(summary).map(([k, s]) => [k, s.mean])),
      });
      done++;
    }
    results.push(...scored);
    if (round < rounds - 1) {
      const keep = Math.max(1, Math.ceil(scored.length / factor));
      const ranked = [...scored].sort(
        (a, b) => scoreOf(search.metric, b.mean) - scoreOf(search.metric, a.mean) || a.candidate - b.candidate,
      );
      alive = ranked.slice(0, keep).map((r) => ({ params: r.params, candidate: r.candidate }));
      done += (scored.length - keep) * (rounds - round - 1);
    }
  }
  reportProgress(control, 1);
  return results;
}

/** The best of the last round: highest score, the earliest candidate on ties. */
export function bestResult(results: readonly SearchResult[], metric: string): SearchResult | undefined {
  const last = Math.max(...results.map((r) => r.round));
  return results
    .filter((r) => r.round === last && Number.isFinite(r.mean))
    .sort((a, b) => scoreOf(metric, b.mean) - scoreOf(metric, a.mean) || a.candidate - b.candidate)[0];
}
