import {
  categoryText,
  columnOf,
  type ModelValue,
  type OnnxRuntime,
  type OnnxSession,
  type OnnxTensor,
  readColumn,
  UserError,
} from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { compileScoringPath } from '../../deploy/scoring-path/apply-scoring-path';
import { withRawColumns } from '../../deploy/scoring-path/raw-columns';
import { classifierOutputsOf } from '../onnx/classifier-outputs';
import type { InProcessScores } from '../onnx/predict-in-process';
import { tableFeeds } from '../onnx/table-feeds';

/** Where a feature lives in the feeds: its own input, or column `column` of a wide [N, F] input. */
interface FeatureSlot {
  input: string;
  column: number;
  width: number;
}

type TensorData = OnnxTensor['data'];

function copyOf(data: TensorData, length: number): TensorData {
  if (Array.isArray(data)) return new Array<string>(length);
  const Kind = data.constructor as new (n: number) => Exclude<TensorData, string[]>;
  return new Kind(length);
}

/**
 * A model's ONNX session with its feeds read from a table once, so that one feature can be
 * permuted or set to a value and the model scored again without re-reading the other columns.
 * Works for any model with a card: trained here or imported (a registered model's scoring path is
 * applied first, and its features are the ones after the path).
 */
export class FeedScorer {
  readonly rows: number;
  readonly features: string[];
  private readonly slots = new Map<string, FeatureSlot>();

  private constructor(
    private readonly session: OnnxSession,
    private readonly model: ModelValue,
    readonly base: Record<string, OnnxTensor>,
    rows: number,
  ) {
    this.rows = rows;
    this.features = [];
    const wide = session.inputs.length === 1 && typeof session.inputs[0]?.dims[1] === 'number' && (session.inputs[0].dims[1] as number) > 1;
    if (wide) {
      const info = session.inputs[0];
      const names = model.card.features.map((f) => f.name);
      names.forEach((name, column) => {
        this.slots.set(name, { input: info?.name as string, column, width: names.length });
        this.features.push(name);
      });
    } else {
      for (const info of session.inputs) {
        this.slots.set(info.name, { input: info.name, column: 0, width: 1 });
        this.features.push(info.name);
      }
    }
  }

  /** Opens a session for the model and reads its feeds from the table. */
  static async open(model: ModelValue, table: Table, runtime: OnnxRuntime): Promise<FeedScorer> {
    const features = model.scoringPath ? await compileScoringPath(model.scoringPath)(withRawColumns(model.scoringPath, table)) : table;
    const session = await runtime.createSession(model.onnx);
    try {
      const info = session.inputs[0];
      const wide = session.inputs.length === 1 && typeof info?.dims[1] === 'number' && (info.dims[1] as number) > 1;
      const feeds = tableFeeds(features, session.inputs, wide ? { columns: model.card.features.map((f) => f.name) } : {});
      const base = feeds.batch(0, table.numRows);
      // the feeds of one batch may share a buffer with the next: keep copies
      const kept: Record<string, OnnxTensor> = {};
      for (const [name, tensor] of Object.entries(base)) {
        const data = copyOf(tensor.data, tensor.data.length);
        for (let i = 0; i < tensor.data.length; i++) (data as unknown[])[i] = tensor.data[i];
        kept[name] = { ...tensor, data } as OnnxTensor;
      }
      return new FeedScorer(session, model, kept, table.numRows);
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  private slot(feature: string): FeatureSlot {
    const slot = this.slots.get(feature);
    if (!slot)
      throw new UserError('CONFIG_INVALID', `The model has no input feature "${feature}" (its features: ${this.features.join(', ')}).`);
    return slot;
  }

  /** A feature's fed values, one per row (numbers, or text for text inputs). */
  values(feature: string): (number | string)[] {
    const slot = this.slot(feature);
    const data = (this.base[slot.input] as OnnxTensor).data as unknown as ArrayLike<number | bigint | string>;
    return Array.from({ length: this.rows }, (_, i) => {
      const v = data[i * slot.width + slot.column] as number | bigint | string;
      return typeof v === 'bigint' ? Number(v) : v;
    });
  }

  /** The feeds with one feature's rows reordered: row i takes the value of row order[i]. */
  permuted(feature: string, order: Int32Array): Record<string, OnnxTensor> {
    const slot = this.slot(feature);
    const tensor = this.base[slot.input] as OnnxTensor;
    const src = tensor.data as unknown as ArrayLike<unknown>;
    const out = copyOf(tensor.data, src.length) as unknown as unknown[];
    const w = slot.width;
    if (w === 1) for (let i = 0; i < order.length; i++) out[i] = src[order[i] as number];
    else {
      for (let i = 0; i < src.length; i++) out[i] = src[i];
      for (let i = 0; i < order.length; i++) out[i * w + slot.column] = src[(order[i] as number) * w + slot.column];
    }
    return { ...this.base, [slot.input]: { ...tensor, data: out } as OnnxTensor };
  }

  /**
   * Feeds of `rows` (a sample) repeated once per grid value, the feature set to that value in each
   * copy: partial dependence scores all of them in one run. A grid value is taken from the row of
   * the table that holds it (`from`), so it is fed in the model's own encoding.
   */
  gridded(feature: string, rows: Int32Array, from: Int32Array): Record<string, OnnxTensor> {
    const slot = this.slot(feature);
    const n = rows.length;
    const g = from.length;
    const feeds: Record<string, OnnxTensor> = {};
    for (const [name, tensor] of Object.entries(this.base)) {
      const w = tensor.data.length / this.rows;
      const src = tensor.data as unknown as ArrayLike<unknown>;
      const out = copyOf(tensor.data, n * g * w) as unknown as unknown[];
      for (let k = 0; k < g; k++) {
        for (let r = 0; r < n; r++) {
          const row = rows[r] as number;
          for (let c = 0; c < w; c++) out[(k * n + r) * w + c] = src[row * w + c];
          if (name === slot.input) out[(k * n + r) * w + slot.column] = src[(from[k] as number) * w + slot.column];
        }
      }
      feeds[name] = { ...tensor, data: out, dims: [n * g, ...tensor.dims.slice(1)] } as OnnxTensor;
    }
    return feeds;
  }

  /** Scores feeds: class probabilities (n × classes) for classifiers, values for regressions. */
  async score(feeds: Record<string, OnnxTensor>): Promise<InProcessScores> {
    const { card } = this.model;
    const n = (Object.values(feeds)[0]?.dims[0] as number | undefined) ?? 0;
    if (card.task === 'classification') {
      const classes = card.classes ?? [];
      const declared = classifierOutputsOf(card);
      const name = declared?.probabilities ?? 'probabilities';
      if (classes.length < 2 || !this.session.outputs.some((o) => o.name === name))
        throw new UserError(
          'MODEL_INVALID',
          `The classifier has no "${name}" output of its ${classes.length} classes' probabilities to score with.`,
        );
      const out = (await this.session.run(feeds, [name]))[name];
      const data = out?.data;
      if (!data || Array.isArray(data) || data.length !== n * classes.length)
        throw new UserError('MODEL_INVALID', `Output "${name}" should hold ${classes.length} probabilities per row.`);
      return { kind: 'classification', probabilities: Float64Array.from(data as ArrayLike<number>), classes };
    }
    const tensors = this.session.outputs.filter((o) => o.type !== undefined && o.type !== 'string');
    const name = tensors.find((o) => o.name === 'variable')?.name ?? tensors[0]?.name;
    if (card.task !== 'regression' || name === undefined)
      throw new UserError('MODEL_INVALID', `Explanations need a classification or regression model; this one is "${card.task}".`);
    const data = (await this.session.run(feeds, [name]))[name]?.data;
    if (!data || Array.isArray(data) || data.length !== n)
      throw new UserError('MODEL_INVALID', `Output "${name}" should hold one value per row.`);
    return { kind: 'regression', values: Float64Array.from(data as ArrayLike<number>) };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** The truth for scoring: class indexes (card classes) or numbers, and the rows that have one. */
export function readTruth(table: Table, target: string, model: ModelValue): { rows: Int32Array; truth: Int32Array | Float64Array } {
  const column = readColumn(columnOf(table, target));
  const kept: number[] = [];
  if (model.card.task === 'classification') {
    const index = new Map((model.card.classes ?? []).map((c, k) => [c, k]));
    const text = categoryText(column);
    const codes: number[] = [];
    for (let i = 0; i < table.numRows; i++) {
      if (column.valid && !column.valid[i]) continue;
      const code = index.get(text(i));
      if (code === undefined) continue;
      kept.push(i);
      codes.push(code);
    }
    return { rows: Int32Array.from(kept), truth: Int32Array.from(codes) };
  }
  if (column.kind !== 'number' && column.kind !== 'boolean')
    throw new UserError('SCHEMA_INVALID', `The target "${target}" must hold numbers for a regression model.`);
  const values: number[] = [];
  for (let i = 0; i < table.numRows; i++) {
    if (column.valid && !column.valid[i]) continue;
    kept.push(i);
    values.push(column.values[i] as number);
  }
  return { rows: Int32Array.from(kept), truth: Float64Array.from(values) };
}
