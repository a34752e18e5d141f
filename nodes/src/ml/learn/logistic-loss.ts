import type { Objective } from './lbfgs';
import type { FeatureMatrix } from './matrix';

const block = 1024;

/** log(1 + e^z) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Binary objective, scikit-learn's lbfgs form: Σᵢ [log(1 + e^zᵢ) − yᵢzᵢ] + λ/2 ‖w‖², zᵢ = b + w·xᵢ.
 * Parameters: [w₀ … w_{p−1}, b]. Rows are processed in cache-sized blocks: the block's z is built
 * column by column, then the same block's columns are read again (from cache) for the gradient.
 */
export function binaryLogisticObjective(x: FeatureMatrix, y: Int32Array, lambda: number): Objective {
  const { rows: n, cols: p, data } = x;
  const z = new Float64Array(block);
  return (w, grad) => {
    grad.fill(0);
    const b = w[p] as number;
    let loss = 0;
    let gb = 0;
    for (let start = 0; start < n; start += block) {
      const m = Math.min(block, n - start);
      z.fill(b, 0, m);
      for (let j = 0; j < p; j++) {
        const wj = w[j] as number;
        const off = j * n + start;
        for (let i = 0; i < m; i++) z[i] = (z[i] as number) + wj * (data[off + i] as number);
      }
      for (let i = 0; i < m; i++) {
        const zi = z[i] as number;
        const yi = y[start + i] as number;
        // σ(z) − y and the loss from one exp.
        const e = Math.exp(-Math.abs(zi));
        const l1p = Math.log1p(e);
        loss += (zi > 0 ? zi + l1p : l1p) - yi * zi;
        const sig = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
        const r = sig - yi;
        z[i] = r;
        gb += r;
      }
      for (let j = 0; j < p; j++) {
        const off = j * n + start;
        let s = 0;
        for (let i = 0; i < m; i++) s += (z[i] as number) * (data[off + i] as number);
        grad[j] = (grad[j] as number) + s;
      }
    }
    let penalty = 0;
    for (let j = 0; j < p; j++) {
      const wj = w[j] as number;
      penalty += wj * wj;
      grad[j] = (grad[j] as number) + lambda * wj;
    }
    grad[p] = gb;
    return loss + 0.5 * lambda * penalty;
  };
}

/**
 * Multinomial objective: Σᵢ [logΣₖe^{zᵢₖ} − zᵢ,yᵢ] + λ/2 ‖W‖², zᵢₖ = bₖ + Wₖ·xᵢ, every class's
 * coefficients penalised (scikit-learn's multinomial lbfgs). Parameters: class k at [k(p+1) … k(p+1)+p],
 * the last of each run being bₖ.
 */
export function multinomialLogisticObjective(x: FeatureMatrix, y: Int32Array, classes: number, lambda: number): Objective {
  const { rows: n, cols: p, data } = x;
  const k = classes;
  const stride = p + 1;
  const z = new Float64Array(block * k);
  return (w, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let start = 0; start < n; start += block) {
      const m = Math.min(block, n - start);
      for (let c = 0; c < k; c++) {
        const zo = c * block;
        z.fill(w[c * stride + p] as number, zo, zo + m);
        for (let j = 0; j < p; j++) {
          const wj = w[c * stride + j] as number;
          const off = j * n + start;
          for (let i = 0; i < m; i++) z[zo + i] = (z[zo + i] as number) + wj * (data[off + i] as number);
        }
      }
      for (let i = 0; i < m; i++) {
        let max = Number.NEGATIVE_INFINITY;
        for (let c = 0; c < k; c++) max = Math.max(max, z[c * block + i] as number);
        const yi = y[start + i] as number;
        const zy = z[yi * block + i] as number;
        let sum = 0;
        for (let c = 0; c < k; c++) {
          const e = Math.exp((z[c * block + i] as number) - max);
          z[c * block + i] = e;
          sum += e;
        }
        loss += Math.log(sum) + max - zy;
        for (let c = 0; c < k; c++) z[c * block + i] = (z[c * block + i] as number) / sum - (c === yi ? 1 : 0);
      }
      for (let c = 0; c < k; c++) {
        const zo = c * block;
        let gb = 0;
        for (let i = 0; i < m; i++) gb += z[zo + i] as number;
        grad[c * stride + p] = (grad[c * stride + p] as number) + gb;
        for (let j = 0; j < p; j++) {
          const off = j * n + start;
          let s = 0;
          for (let i = 0; i < m; i++) s += (z[zo + i] as number) * (data[off + i] as number);
          grad[c * stride + j] = (grad[c * stride + j] as number) + s;
        }
      }
    }
    let penalty = 0;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < p; j++) {
        const wj = w[c * stride + j] as number;
        penalty += wj * wj;
        grad[c * stride + j] = (grad[c * stride + j] as number) + lambda * wj;
      }
    }
    return loss + 0.5 * lambda * penalty;
  };
}
