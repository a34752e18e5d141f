import { checkpoint, type TrainControl } from './control';

/** Computes f(w) and writes ∇f(w) into `grad`. */
export type Objective = (w: Float64Array, grad: Float64Array) => number;

/** Stopping rules, as scipy's L-BFGS-B (which scikit-learn's lbfgs solver calls). */
export interface LbfgsOptions {
  readonly maxIter?: number;
  /** Stop when max |∂f/∂wᵢ| ≤ gtol. */
  readonly gtol?: number;
  /** Stop when (f_old − f_new) / max(|f_old|, |f_new|, 1) ≤ ftol. */
  readonly ftol?: number;
  /** Correction pairs kept. */
  readonly memory?: number;
  readonly onIteration?: (iteration: number) => void;
}

/** The minimiser and how it stopped. */
export interface LbfgsResult {
  readonly w: Float64Array;
  readonly f: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search; a correction pair
 * is kept only when sᵀy > 0, so the implicit Hessian stays positive definite. Checks cancellation
 * between iterations.
 */
export async function minimizeLbfgs(
  objective: Objective,
  w0: Float64Array,
  options: LbfgsOptions = {},
  control?: TrainControl,
): Promise<LbfgsResult> {
  const n = w0.length;
  const maxIter = options.maxIter ?? 100;
  const gtol = options.gtol ?? 1e-4;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const m = options.memory ?? 10;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  let w = Float64Array.from(w0);
  let g = new Float64Array(n);
  let f = objective(w, g);
  const d = new Float64Array(n);
  let wNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  if (maxAbs(g) <= gtol) return { w, f, iterations: 0, converged: true };
  for (let iter = 1; iter <= maxIter; iter++) {
    await checkpoint(control);
    // d = −H·g by the two-loop recursion.
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let k = s.length - 1; k >= 0; k--) {
      const a = (rho[k] as number) * dot(s[k] as Float64Array, d);
      alpha[k] = a;
      axpy(-a, y[k] as Float64Array, d);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const yy = dot(y[last] as Float64Array, y[last] as Float64Array);
      scale(d, 1 / ((rho[last] as number) * yy));
    }
    for (let k = 0; k < s.length; k++) {
      const b = (rho[k] as number) * dot(y[k] as Float64Array, d);
      axpy((alpha[k] as number) - b, s[k] as Float64Array, d);
    }
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction: restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = dot(g, d);
    }
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let fNext = Number.NaN;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) wNext[i] = (w[i] as number) + step * (d[i] as number);
      fNext = objective(wNext, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= Number.isFinite(fNext) ? Math.max(0.1, Math.min(0.5, (-slope * step) / (2 * (fNext - f - slope * step)))) : 0.1;
    }
    if (!(fNext <= f)) return { w, f, iterations: iter, converged: false };
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = (wNext[i] as number) - (w[i] as number);
      yk[i] = (gNext[i] as number) - (g[i] as number);
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12 * Math.sqrt(dot(yk, yk) * dot(sk, sk))) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const fOld = f;
    [w, wNext] = [wNext, w];
    [g, gNext] = [gNext, g];
    f = fNext;
    options.onIteration?.(iter);
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) return { w, f, iterations: iter, converged: true };
    if (maxAbs(g) <= gtol) return { w, f, iterations: iter, converged: true };
  }
  return { w, f, iterations: maxIter, converged: false };
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] = (y[i] as number) + a * (x[i] as number);
}

function scale(x: Float64Array, a: number): void {
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * a;
}

function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] as number));
  return m;
}
