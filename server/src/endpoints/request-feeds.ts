import type { PredictBody } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import type * as ort from 'onnxruntime-node';
import { loadedOnnxRuntime } from '../onnx/onnxruntime';
import type { ServedFeature, ServedModel } from './served-model';

/** The most problems listed in one 422 answer. */
const maxProblems = 50;

export { maxRowsPerRequest, type PredictBody, predictBody } from '@causeway/contract';

/** One thing wrong with a request: the row index (0-based) and field. */
export interface InputProblem {
  row?: number;
  field: string;
  problem: string;
}

/** Reads value `i` of feature `name`, from rows or columns, without building row objects. */
export interface ValueReader {
  rows: number;
  has(name: string): boolean;
  value(name: string, i: number): unknown;
}

/** A reader over the body; column lengths are checked here. */
export function valueReader(body: PredictBody, problems: InputProblem[]): ValueReader {
  if ('rows' in body) {
    const rows = body.rows;
    return { rows: rows.length, has: () => true, value: (name, i) => (rows[i] as Record<string, unknown>)[name] };
  }
  const columns = body.columns;
  const lengths = Object.values(columns).map((c) => c.length);
  const rows = lengths.length === 0 ? 0 : Math.max(...lengths);
  for (const [name, column] of Object.entries(columns)) {
    if (column.length !== rows) problems.push({ field: name, problem: `has ${column.length} values where other columns have ${rows}` });
  }
  if (rows === 0) problems.push({ field: 'columns', problem: 'no values were sent' });
  return { rows, has: (name) => Object.hasOwn(columns, name), value: (name, i) => columns[name]?.[i] };
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** A feature's value as a number (NaN for null: the model imputes it), or a problem. */
export function numberOf(feature: ServedFeature, value: unknown): number | string {
  if (value === null) return Number.NaN;
  switch (feature.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? (value ? 1 : 0) : `expected true or false, got ${describe(value)}`;
    case 'date': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(ms) ? `expected a date (ISO 8601 text or epoch milliseconds), got ${describe(value)}` : ms;
    }
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? value : `expected an integer, got ${describe(value)}`;
    default:
      return typeof value === 'number' && Number.isFinite(value) ? value : `expected a number, got ${describe(value)}`;
  }
}

function textOf(value: unknown): string | undefined {
  if (value === null) return '';
  return typeof value === 'string' ? value : undefined;
}

/**
 * Checks every row against the model's card and builds the feeds, feature by feature (a column at a
 * time). Every problem is gathered; any problem is one ENDPOINT_INPUT_INVALID (422) naming each field and row.
 */
export function requestFeeds(model: ServedModel, body: PredictBody): { rows: number; feeds: Record<string, ort.Tensor> } {
  const problems: InputProblem[] = [];
  const reader = valueReader(body, problems);
  const n = reader.rows;
  const numeric = new Map<string, Float64Array | Float32Array>();
  const texts = new Map<string, string[]>();
  for (const feature of model.features) {
    if (!reader.has(feature.name)) {
      problems.push({ field: feature.name, problem: `is missing (the model reads ${model.features.map((f) => f.name).join(', ')})` });
      continue;
    }
    if (feature.kind === 'text') {
      const out = new Array<string>(n);
      for (let i = 0; i < n; i++) {
        const value = reader.value(feature.name, i);
        const text = value === undefined ? undefined : textOf(value);
        if (text === undefined)
          problems.push({
            row: i,
            field: feature.name,
            problem: value === undefined ? 'is missing' : `expected text, got ${describe(value)}`,
          });
        else out[i] = text;
      }
      texts.set(feature.name, out);
      continue;
    }
    const out = inputType(model, feature.name) === 'float32' ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const value = reader.value(feature.name, i);
      const number = value === undefined ? 'is missing' : numberOf(feature, value);
      if (typeof number === 'string') problems.push({ row: i, field: feature.name, problem: number });
      else out[i] = number;
    }
    numeric.set(feature.name, out);
  }
  if (problems.length > 0) throw inputError(problems);
  return { rows: n, feeds: feedsOf(model, n, numeric, texts) };
}

/** The element type of the model input fed by this feature alone; undefined for the wide layout. */
function inputType(model: ServedModel, feature: string): string | undefined {
  if (model.plan.layout !== 'per-feature') return undefined;
  for (const input of model.plan.inputs) if (input.name === feature) return input.type;
  return undefined;
}

function feedsOf(
  model: ServedModel,
  n: number,
  numeric: Map<string, Float64Array | Float32Array>,
  texts: Map<string, string[]>,
): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  // The model is open, so the runtime is loaded.
  const { Tensor } = loadedOnnxRuntime();
  const plan = model.plan;
  if (plan.layout === 'wide') {
    const width = model.features.length;
    const data = plan.type === 'float32' ? new Float32Array(n * width) : new Float64Array(n * width);
    model.features.forEach((f, j) => {
      const column = numeric.get(f.name) as Float64Array | Float32Array;
      for (let i = 0; i < n; i++) data[i * width + j] = column[i] as number;
    });
    feeds[plan.input] = new Tensor(plan.type, data, [n, width]);
    return feeds;
  }
  for (const input of plan.inputs) {
    const dims = [n, 1];
    if (input.type === 'string') {
      const column = texts.get(input.name) ?? Array.from(numeric.get(input.name) ?? [], String);
      feeds[input.name] = new Tensor('string', column, dims);
      continue;
    }
    const column = numeric.get(input.name);
    if (column === undefined)
      throw new UserError('MODEL_INVALID', `Model input "${input.name}" takes numbers, but its card calls that feature text.`);
    if (input.type === 'float64') feeds[input.name] = new Tensor('float64', column as Float64Array, dims);
    // Built as float32 already (see requestFeeds): the tensor takes the column as it is.
    else if (input.type === 'float32') feeds[input.name] = new Tensor('float32', column as Float32Array, dims);
    else if (input.type === 'bool')
      feeds[input.name] = new Tensor(
        'bool',
        Uint8Array.from(column, (v) => (v ? 1 : 0)),
        dims,
      );
    else
      feeds[input.name] = new Tensor(
        'int64',
        BigInt64Array.from(column, (v) => BigInt(Number.isNaN(v) ? 0 : Math.trunc(v))),
        dims,
      );
  }
  return feeds;
}

function where(p: InputProblem): string {
  return p.row === undefined ? `field "${p.field}"` : `row ${p.row}, field "${p.field}"`;
}

export function inputError(problems: InputProblem[]): UserError {
  const first = problems[0] as InputProblem;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new UserError('ENDPOINT_INPUT_INVALID', `The request does not match the model: ${where(first)} ${first.problem}${more}.`, {
    details: { problems: problems.slice(0, maxProblems), count: problems.length },
  });
}
