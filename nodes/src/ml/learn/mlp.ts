import { UserError } from '@causeway/sdk';
import { argmaxRows } from './argmax-rows';
import { checkpoint, reportProgress, type TrainControl } from './control';
import { type ClassTargets, checkClasses, checkFeatures, checkShape, type FeatureMatrix, requireFinite } from './matrix';
import { createRandom, type Random } from './random';

/** Options of {@link fitMlp}: scikit-learn's `MLPClassifier` names and defaults. */
export interface MlpOptions {
  /** Units per hidden layer (`hidden_layer_sizes`). */
  readonly hidden?: readonly number[];
  /** L2 penalty (`alpha`). */
  readonly alpha?: number;
  readonly learningRate?: number;
  /** Rows per Adam step, at most the row count (`batch_size`). */
  readonly batchSize?: number;
  /** Most epochs (`max_iter`). */
  readonly maxIter?: number;
  /** Stop after `patience` epochs without the training loss improving by `tol` (`n_iter_no_change`). */
  readonly tol?: number;
  readonly patience?: number;
  readonly seed?: number;
}

/**
 * A fitted multi-layer perceptron, plain JSON: `weights[l]` is row-major inputs × outputs of layer l,
 * `biases[l]` its outputs. Hidden layers use ReLU; the output is one logistic unit (the score of
 * classes[1]) for two classes, a softmax over one unit per class for more — scikit-learn's layout.
 */
export interface MlpModel {
  readonly kind: 'mlp';
  readonly features: string[];
  readonly classes: string[];
  readonly weights: number[][];
  readonly biases: number[][];
  readonly epochs: number;
  readonly loss: number;
  readonly converged: boolean;
}

interface Layer {
  readonly inputs: number;
  readonly outputs: number;
  readonly w: Float64Array;
  readonly b: Float64Array;
}

const beta1 = 0.9;
const beta2 = 0.999;
const epsilon = 1e-8;

/** Glorot-uniform weights and biases, as scikit-learn initialises them. */
function initLayer(inputs: number, outputs: number, random: Random): Layer {
  const bound = Math.sqrt(6 / (inputs + outputs));
  const draw = () => (random.next() * 2 - 1) * bound;
  return { inputs, outputs, w: Float64Array.from({ length: inputs * outputs }, draw), b: Float64Array.from({ length: outputs }, draw) };
}

/** out[B × O] = x[B × I] · w[I × O] + b, then ReLU when `relu`. */
function forwardLayer(x: Float64Array, rows: number, layer: Layer, out: Float64Array, relu: boolean): void {
  const { inputs, outputs, w, b } = layer;
  for (let r = 0; r < rows; r++) {
    const o = r * outputs;
    out.set(b, o);
    for (let i = 0; i < inputs; i++) {
      const v = x[r * inputs + i] as number;
      if (v === 0) continue;
      const wi = i * outputs;
      for (let j = 0; j < outputs; j++) out[o + j] = (out[o + j] as number) + v * (w[wi + j] as number);
    }
    if (relu) for (let j = 0; j < outputs; j++) if ((out[o + j] as number) < 0) out[o + j] = 0;
  }
}

/** Turns output scores into probabilities in place (σ for one unit, softmax otherwise); returns the summed log-loss. */
function outputLoss(z: Float64Array, rows: number, units: number, y: Int32Array, index: Int32Array, start: number): number {
  let loss = 0;
  if (units === 1) {
    for (let r = 0; r < rows; r++) {
      const s = z[r] as number;
      const t = y[index[start + r] as number] === 1;
      loss += s > 0 ? Math.log1p(Math.exp(-s)) + (t ? 0 : s) : Math.log1p(Math.exp(s)) - (t ? s : 0);
      z[r] = 1 / (1 + Math.exp(-s));
    }
    return loss;
  }
  for (let r = 0; r < rows; r++) {
    const o = r * units;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < units; c++) max = Math.max(max, z[o + c] as number);
    let sum = 0;
    for (let c = 0; c < units; c++) {
      const e = Math.exp((z[o + c] as number) - max);
      z[o + c] = e;
      sum += e;
    }
    const truth = y[index[start + r] as number] as number;
    loss -= Math.log(Math.max((z[o + truth] as number) / sum, 1e-300));
    for (let c = 0; c < units; c++) z[o + c] = (z[o + c] as number) / sum;
  }
  return loss;
}

/**
 * A multi-layer perceptron classifier: dense ReLU layers, a logistic or softmax output, log-loss
 * with an L2 penalty, trained by Adam on shuffled mini-batches — scikit-learn's `MLPClassifier`
 * (its defaults: one hidden layer of 100, alpha 1e-4, batches of 200, learning rate 1e-3, 200 epochs,
 * stop after 10 epochs without a 1e-4 gain). Seeded, so a seed fixes the model; it is not
 * scikit-learn's model (other random numbers), only its kind. Features should be standardised.
 * NaN: INPUT_INVALID.
 */
export async function fitMlp(x: FeatureMatrix, target: ClassTargets, options: MlpOptions = {}, control?: TrainControl): Promise<MlpModel> {
  checkShape(x, target.y.length);
  checkClasses(target);
  requireFinite(x, 'Neural network');
  const k = target.classes.length;
  if (k < 2) throw new UserError('INPUT_INVALID', 'A neural network classifier needs at least two classes.');
  const hidden = options.hidden ?? [100];
  if (hidden.length === 0 || hidden.some((h) => !(Number.isInteger(h) && h >= 1)))
    throw new UserError('CONFIG_INVALID', `Hidden layers need at least one unit each, got [${hidden.join(', ')}].`);
  const alpha = options.alpha ?? 1e-4;
  const rate = options.learningRate ?? 1e-3;
  const maxIter = options.maxIter ?? 200;
  const tol = options.tol ?? 1e-4;
  const patience = options.patience ?? 10;
  const { rows: n, cols: p } = x;
  const batch = Math.max(1, Math.min(options.batchSize ?? 200, n));
  const random = createRandom(options.seed ?? 0);
  const sizes = [p, ...hidden, k === 2 ? 1 : k];
  const layers = sizes.slice(1).map((outputs, l) => initLayer(sizes[l] as number, outputs, random));
  const moments = layers.map((layer) => ({
    mw: new Float64Array(layer.w.length),
    vw: new Float64Array(layer.w.length),
    mb: new Float64Array(layer.b.length),
    vb: new Float64Array(layer.b.length),
    gw: new Float64Array(layer.w.length),
    gb: new Float64Array(layer.b.length),
  }));
  const rowsMajor = new Float64Array(n * p);
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) rowsMajor[i * p + j] = x.data[j * n + i] as number;
  const activations = sizes.map((units) => new Float64Array(batch * units));
  const deltas = sizes.map((units) => new Float64Array(batch * units));
  const index = Int32Array.from({ length: n }, (_, i) => i);
  let best = Number.POSITIVE_INFINITY;
  let stale = 0;
  let step = 0;
  let epochs = 0;
  let loss = Number.NaN;
  let converged = false;
  for (let epoch = 0; epoch < maxIter; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = random.int(i + 1);
      const t = index[i] as number;
      index[i] = index[j] as number;
      index[j] = t;
    }
    let total = 0;
    for (let start = 0; start < n; start += batch) {
      await checkpoint(control);
      const rows = Math.min(batch, n - start);
      const input = activations[0] as Float64Array;
      for (let r = 0; r < rows; r++)
        input.set(rowsMajor.subarray((index[start + r] as number) * p, ((index[start + r] as number) + 1) * p), r * p);
      layers.forEach((layer, l) => {
        forwardLayer(activations[l] as Float64Array, rows, layer, activations[l + 1] as Float64Array, l < layers.length - 1);
      });
      const last = layers.length;
      const out = activations[last] as Float64Array;
      const units = sizes[last] as number;
      let batchLoss = outputLoss(out, rows, units, target.y, index, start) / rows;
      let squares = 0;
      for (const layer of layers) for (const w of layer.w) squares += w * w;
      batchLoss += (0.5 * alpha * squares) / rows;
      total += batchLoss * rows;
      // Output error: probability − truth, for both the logistic and the softmax output.
      const top = deltas[last] as Float64Array;
      top.set(out.subarray(0, rows * units));
      for (let r = 0; r < rows; r++) {
        const truth = target.y[index[start + r] as number] as number;
        const q = units === 1 ? r : r * units + truth;
        if (units > 1 || truth === 1) top[q] = (top[q] as number) - 1;
      }
      step++;
      for (let l = last - 1; l >= 0; l--) {
        const layer = layers[l] as Layer;
        const m = moments[l] as (typeof moments)[number];
        const below = activations[l] as Float64Array;
        const delta = deltas[l + 1] as Float64Array;
        const { inputs, outputs, w } = layer;
        m.gw.fill(0);
        m.gb.fill(0);
        for (let r = 0; r < rows; r++) {
          const d = r * outputs;
          for (let o = 0; o < outputs; o++) m.gb[o] = (m.gb[o] as number) + (delta[d + o] as number);
          for (let i = 0; i < inputs; i++) {
            const a = below[r * inputs + i] as number;
            if (a === 0) continue;
            const wi = i * outputs;
            for (let o = 0; o < outputs; o++) m.gw[wi + o] = (m.gw[wi + o] as number) + a * (delta[d + o] as number);
          }
        }
        if (l > 0) {
          const next = deltas[l] as Float64Array;
          for (let r = 0; r < rows; r++) {
            const d = r * outputs;
            for (let i = 0; i < inputs; i++) {
              if ((below[r * inputs + i] as number) <= 0) {
                next[r * inputs + i] = 0;
                continue;
              }
              const wi = i * outputs;
              let s = 0;
              for (let o = 0; o < outputs; o++) s += (w[wi + o] as number) * (delta[d + o] as number);
              next[r * inputs + i] = s;
            }
          }
        }
        for (let q = 0; q < w.length; q++) m.gw[q] = ((m.gw[q] as number) + alpha * (w[q] as number)) / rows;
        for (let o = 0; o < outputs; o++) m.gb[o] = (m.gb[o] as number) / rows;
      }
      const corrected = (rate * Math.sqrt(1 - beta2 ** step)) / (1 - beta1 ** step);
      layers.forEach((layer, l) => {
        const m = moments[l] as (typeof moments)[number];
        adam(layer.w, m.gw, m.mw, m.vw, corrected);
        adam(layer.b, m.gb, m.mb, m.vb, corrected);
      });
    }
    epochs = epoch + 1;
    loss = total / n;
    reportProgress(control, epochs / maxIter);
    if (loss > best - tol) stale++;
    else stale = 0;
    if (loss < best) best = loss;
    if (stale > patience) {
      converged = true;
      break;
    }
  }
  reportProgress(control, 1);
  return {
    kind: 'mlp',
    features: [...x.names],
    classes: [...target.classes],
    weights: layers.map((layer) => Array.from(layer.w)),
    biases: layers.map((layer) => Array.from(layer.b)),
    epochs,
    loss,
    converged,
  };
}

/** One Adam update in place (scikit-learn's form: bias correction folded into the learning rate). */
function adam(param: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array, rate: number): void {
  for (let q = 0; q < param.length; q++) {
    const g = grad[q] as number;
    const mq = beta1 * (m[q] as number) + (1 - beta1) * g;
    const vq = beta2 * (v[q] as number) + (1 - beta2) * g * g;
    m[q] = mq;
    v[q] = vq;
    param[q] = (param[q] as number) - (rate * mq) / (Math.sqrt(vq) + epsilon);
  }
}

/** Class probabilities, row-major n × K. */
export function predictProbaMlp(model: MlpModel, x: FeatureMatrix): Float64Array {
  checkFeatures(x, model.features.length);
  const { rows: n, cols: p } = x;
  const k = model.classes.length;
  const layers: Layer[] = model.weights.map((w, l) => {
    const b = Float64Array.from(model.biases[l] as number[]);
    return { inputs: w.length / b.length, outputs: b.length, w: Float64Array.from(w), b };
  });
  const out = new Float64Array(n * k);
  const chunk = 1024;
  const activations = [p, ...layers.map((l) => l.outputs)].map((units) => new Float64Array(chunk * units));
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const input = activations[0] as Float64Array;
    for (let r = 0; r < rows; r++) for (let j = 0; j < p; j++) input[r * p + j] = x.data[j * n + start + r] as number;
    layers.forEach((layer, l) => {
      forwardLayer(activations[l] as Float64Array, rows, layer, activations[l + 1] as Float64Array, l < layers.length - 1);
    });
    const z = activations[layers.length] as Float64Array;
    const units = (layers.at(-1) as Layer).outputs;
    if (units === 1) {
      for (let r = 0; r < rows; r++) {
        const p1 = 1 / (1 + Math.exp(-(z[r] as number)));
        out[(start + r) * 2] = 1 - p1;
        out[(start + r) * 2 + 1] = p1;
      }
    } else {
      softmaxRows(z, rows, units);
      out.set(z.subarray(0, rows * units), start * k);
    }
  }
  return out;
}

function softmaxRows(z: Float64Array, rows: number, units: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * units;
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < units; c++) max = Math.max(max, z[o + c] as number);
    let sum = 0;
    for (let c = 0; c < units; c++) {
      const e = Math.exp((z[o + c] as number) - max);
      z[o + c] = e;
      sum += e;
    }
    for (let c = 0; c < units; c++) z[o + c] = (z[o + c] as number) / sum;
  }
}

/** The most probable class index per row. */
export function predictMlp(model: MlpModel, x: FeatureMatrix): Int32Array {
  return argmaxRows(predictProbaMlp(model, x), model.classes.length);
}
