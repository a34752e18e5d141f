import {
  dictionaryData,
  dictionaryVector,
  float32Data,
  float64Vector,
  int32Vector,
  type ModelValue,
  type OnnxRuntime,
  type OnnxTensor,
  type OnnxValueInfo,
  tableFromColumns,
  UserError,
} from '@causeway/sdk';
import type { Data, Table, Vector } from 'apache-arrow';
import { compileScoringPath } from '../../deploy/scoring-path/apply-scoring-path';
import { withRawColumns } from '../../deploy/scoring-path/raw-columns';
import { classifierOutputsOf } from './classifier-outputs';
import { tableFeeds } from './table-feeds';

/** Options of {@link scoreTable}. */
export interface ScoreOptions {
  /** Rows per `session.run` (default 10,000). */
  batchSize?: number;
  /** For a model with one [N, F] input: the F columns that feed it, in order. */
  columns?: readonly string[];
  signal?: AbortSignal;
  progress?: (fraction: number) => void;
  log?: (message: string) => void;
  /** Something the caller should see as a warning (an imported classifier whose label disagrees with its probabilities). */
  warn?: (message: string) => void;
}

/** One fetched output, gathered over all batches: `width` values per row. */
interface Gathered {
  info: OnnxValueInfo;
  width: number;
  numbers: Float64Array | null;
  strings: string[] | null;
}

function widthOf(tensor: OnnxTensor, rows: number): number {
  return rows === 0 ? 0 : Math.round(tensor.data.length / rows);
}

function gather(outputs: readonly OnnxValueInfo[]): Map<string, Gathered> {
  return new Map(outputs.map((info) => [info.name, { info, width: -1, numbers: null, strings: null }]));
}

function store(target: Gathered, tensor: OnnxTensor, start: number, count: number, total: number): void {
  const width = widthOf(tensor, count);
  if (target.width < 0) {
    target.width = width;
    if (tensor.type === 'string') target.strings = new Array<string>(total * width);
    else target.numbers = new Float64Array(total * width);
  } else if (width !== target.width) {
    throw new UserError('MODEL_INVALID', `Output "${target.info.name}" changed width between batches (${target.width} then ${width}).`);
  }
  if (tensor.type === 'string') {
    const out = target.strings as string[];
    for (let i = 0; i < tensor.data.length; i++) out[start * width + i] = tensor.data[i] as string;
    return;
  }
  const out = target.numbers as Float64Array;
  const data = tensor.data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array)
    for (let i = 0; i < data.length; i++) out[start * width + i] = Number(data[i]);
  else out.set(data, start * width);
}

/**
 * A classifier's scores taken straight from each batch's float32 probabilities: one column per class
 * and the most probable class (ArgMax, as the graph's own `label`), in one pass, with no gathered copy.
 * The probability columns stay float32, as the model computed them: widening adds no precision and
 * doubles the memory written.
 */
class ClassScores {
  readonly probabilities: Float32Array[];
  readonly codes: Int32Array;

  constructor(
    readonly classes: readonly string[],
    rows: number,
  ) {
    // One allocation for all columns: three separate 800 KB arrays took about 300 µs to allocate
    // (a zeroing pass or a fresh mapping each), one buffer 10-100 µs.
    const bytes = rows * 4;
    const buffer = new ArrayBuffer(bytes * (classes.length + 1));
    this.probabilities = classes.map((_, k) => new Float32Array(buffer, k * bytes, rows));
    this.codes = new Int32Array(buffer, classes.length * bytes, rows);
  }

  add(data: Float32Array | Float64Array, start: number, count: number): void {
    const k = this.classes.length;
    if (data.length !== count * k) throw new UserError('MODEL_INVALID', `Output "probabilities" should hold ${k} values per row.`);
    const { probabilities, codes } = this;
    const first = probabilities[0] as Float32Array;
    if (k === 2) {
      const second = probabilities[1] as Float32Array;
      for (let i = 0; i < count; i++) {
        const p0 = data[2 * i] as number;
        const p1 = data[2 * i + 1] as number;
        first[start + i] = p0;
        second[start + i] = p1;
        codes[start + i] = +(p1 > p0);
      }
      return;
    }
    for (let i = 0; i < count; i++) {
      const base = i * k;
      let best = 0;
      let bestP = data[base] as number;
      first[start + i] = bestP;
      for (let c = 1; c < k; c++) {
        const v = data[base + c] as number;
        (probabilities[c] as Float32Array)[start + i] = v;
        if (v > bestP) {
          bestP = v;
          best = c;
        }
      }
      codes[start + i] = best;
    }
  }

  /** As Data, not Vectors: see {@link float32Data}. */
  columns(): [string, Data][] {
    return [
      ['prediction', dictionaryData(this.codes, this.classes)],
      ...this.classes.map((c, k) => [`probability_${c}`, float32Data(this.probabilities[k] as Float32Array)] as [string, Data]),
    ];
  }
}

function column(g: Gathered, j: number, rows: number, asInteger = false): Vector {
  const w = g.width;
  if (g.strings) {
    const values = Array.from({ length: rows }, (_, i) => g.strings?.[i * w + j] ?? '');
    const dictionary = [...new Set(values)].sort();
    const index = new Map(dictionary.map((d, k) => [d, k]));
    return dictionaryVector(
      Int32Array.from(values, (v) => index.get(v) as number),
      dictionary,
    );
  }
  const numbers = g.numbers ?? new Float64Array(0);
  if (w === 1 && !asInteger) return float64Vector(numbers.length === rows ? numbers : numbers.subarray(0, rows));
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i++) values[i] = numbers[i * w + j] as number;
  return asInteger ? int32Vector(Int32Array.from(values)) : float64Vector(values);
}

/** The class a label output gives at a row: its text, or a number that names a class or indexes one. */
function labelAt(label: Gathered, row: number, classes: readonly string[]): string {
  const at = row * label.width;
  if (label.strings) return label.strings[at] ?? '';
  const n = label.numbers?.[at] as number;
  return classes.includes(String(n)) ? String(n) : (classes[n] ?? String(n));
}

/**
 * A classifier with declared outputs: prediction is the ArgMax of its probabilities; where its own
 * label says otherwise (onnxruntime's binary tree ensembles do), the rows are counted and a warning says so.
 */
function declaredClassifierColumns(
  model: ModelValue,
  gathered: Map<string, Gathered>,
  rows: number,
  warn: ((message: string) => void) | undefined,
): [string, Data][] {
  const outputs = classifierOutputsOf(model.card);
  const classes = model.card.classes ?? [];
  const probabilities = outputs && gathered.get(outputs.probabilities);
  if (!outputs || !probabilities?.numbers || probabilities.width !== classes.length)
    throw new UserError(
      'MODEL_INVALID',
      `Output "${outputs?.probabilities}" should hold ${classes.length} probabilities per row, one per declared class; it holds ${probabilities?.width ?? 0}.`,
    );
  const scores = new ClassScores(classes, rows);
  scores.add(probabilities.numbers, 0, rows);
  const label = outputs.label === undefined ? undefined : gathered.get(outputs.label);
  if (label) {
    let disagree = 0;
    for (let i = 0; i < rows; i++) if (labelAt(label, i, classes) !== classes[scores.codes[i] as number]) disagree++;
    if (disagree > 0)
      warn?.(
        `The model's "${outputs.label}" disagrees with the most probable class of "${outputs.probabilities}" on ${disagree} of ${rows} rows; prediction is the most probable class.`,
      );
  }
  return scores.columns();
}

/** The prediction columns: `prediction` and `probability_<class>` for models with a card task, every output for others. */
function predictionColumns(
  model: ModelValue,
  gathered: Map<string, Gathered>,
  rows: number,
  warn?: (message: string) => void,
): [string, Vector | Data][] {
  const { task, classes } = model.card;
  if (task === 'classification' && classifierOutputsOf(model.card)) return declaredClassifierColumns(model, gathered, rows, warn);
  const label = gathered.get('label');
  const probabilities = gathered.get('probabilities');
  const variable = gathered.get('variable');
  if (task === 'classification' && probabilities && classes?.length === probabilities.width) {
    if (!label) {
      const scores = new ClassScores(classes, rows);
      scores.add(probabilities.numbers ?? new Float64Array(0), 0, rows);
      return scores.columns();
    }
    return [
      ['prediction', column(label, 0, rows)],
      ...classes.map((c, k) => [`probability_${c}`, column(probabilities, k, rows)] as [string, Vector]),
    ];
  }
  if (task === 'regression' && variable) return [['prediction', column(variable, 0, rows)]];
  if (task === 'clustering' && label) return [['prediction', column(label, 0, rows, true)]];
  const out: [string, Vector][] = [];
  for (const [name, g] of gathered) {
    if (g.width === 1) out.push([name, column(g, 0, rows)]);
    else for (let j = 0; j < g.width; j++) out.push([`${name}_${j}`, column(g, j, rows)]);
  }
  return out;
}

/**
 * The outputs to fetch. A classifier with a card and probabilities skips its string `label`: strings
 * are the dearest part of a run, and the label is the ArgMax of the probabilities anyway.
 */
function outputsToFetch(model: ModelValue, outputs: readonly OnnxValueInfo[]): OnnxValueInfo[] {
  const tensors = outputs.filter((o) => o.type !== undefined);
  const declared = classifierOutputsOf(model.card);
  if (model.card.task === 'classification' && declared)
    return tensors.filter((o) => o.name === declared.probabilities || o.name === declared.label);
  const probabilities = tensors.find((o) => o.name === 'probabilities' && o.type === 'float32');
  const k = model.card.classes?.length ?? 0;
  if (model.card.task === 'classification' && probabilities && k > 0 && probabilities.dims[1] === k) return [probabilities];
  return tensors;
}

/**
 * Scores a table with a model through a host's ONNX runtime, batch by batch, and returns the table
 * with prediction columns added (a column of the same name is replaced).
 *
 * @example
 * const scored = await scoreTable(table, model, ctx.onnx, { signal: ctx.signal });
 */
export async function scoreTable(table: Table, model: ModelValue, runtime: OnnxRuntime, options: ScoreOptions = {}): Promise<Table> {
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  // A registered model with a scoring path takes raw rows: its steps make the features, as the graph did.
  const features = model.scoringPath ? await compileScoringPath(model.scoringPath)(withRawColumns(model.scoringPath, table)) : table;
  const session = await runtime.createSession(model.onnx);
  try {
    const feeds = tableFeeds(features, session.inputs, options.columns ? { columns: options.columns } : {});
    const fetch = outputsToFetch(model, session.outputs);
    const skipped = session.outputs.filter((o) => o.type === undefined).map((o) => o.name);
    if (skipped.length > 0) options.log?.(`Outputs that are not tensors were left out: ${skipped.join(', ')}.`);
    if (fetch.length === 0) throw new UserError('MODEL_INVALID', 'The model has no tensor outputs to read predictions from.');
    const rows = table.numRows;
    const gathered = gather(fetch);
    const names = fetch.map((o) => o.name);
    // A classifier read from its probabilities alone (see outputsToFetch) goes straight into its columns.
    const classes = model.card.classes ?? [];
    const scores =
      names.length === 1 && names[0] === 'probabilities' && model.card.task === 'classification' && !classifierOutputsOf(model.card)
        ? new ClassScores(classes, rows)
        : null;
    for (let start = 0; start < rows; start += batchSize) {
      if (options.signal?.aborted) throw new UserError('RUN_CANCELLED', 'Scoring was cancelled.', { cause: options.signal.reason });
      const end = Math.min(rows, start + batchSize);
      const out = await session.run(feeds.batch(start, end), names);
      if (scores) {
        const data = out.probabilities?.data;
        if (!(data instanceof Float32Array)) throw new UserError('MODEL_INVALID', 'Output "probabilities" should hold float values.');
        scores.add(data, start, end - start);
        options.progress?.(end / rows);
        continue;
      }
      for (const [name, tensor] of Object.entries(out)) {
        const g = gathered.get(name);
        if (g) store(g, tensor, start, end - start, rows);
      }
      options.progress?.(end / rows);
    }
    const added = rows === 0 ? [] : scores ? scores.columns() : predictionColumns(model, gathered, rows, options.warn);
    const addedNames = new Set(added.map(([n]) => n));
    const keep = table.schema.fields
      .map((f, c) => [f.name, table.getChildAt(c) as Vector] as [string, Vector | Data])
      .filter(([n]) => !addedNames.has(n));
    const all = [...keep, ...added];
    return tableFromColumns(
      all.map(([n]) => n),
      all.map(([, v]) => v),
    );
  } finally {
    await session.release();
  }
}
