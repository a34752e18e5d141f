import { nullColumn, tableFeeds } from '@causeway/nodes';
import {
  boolVector,
  type ColumnSchema,
  dateVector,
  dictionaryVector,
  float64Vector,
  int32Vector,
  tableFromColumns,
  utf8Vector,
} from '@causeway/sdk';
import type { Vector } from 'apache-arrow';
import type * as ort from 'onnxruntime-node';
import { loadedOnnxRuntime } from '../onnx/onnxruntime';
import { describe, type InputProblem, inputError, numberOf, type PredictBody, type ValueReader, valueReader } from './request-feeds';
import type { ServedModel, ServedPipeline } from './served-model';

function textColumn(column: ColumnSchema, reader: ValueReader, problems: InputProblem[]): Vector {
  const n = reader.rows;
  const texts = new Array<string>(n).fill('');
  const valid = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = reader.value(column.name, i);
    if (value === null) continue;
    if (typeof value === 'string') {
      texts[i] = value;
      valid[i] = 1;
    } else
      problems.push({ row: i, field: column.name, problem: value === undefined ? 'is missing' : `expected text, got ${describe(value)}` });
  }
  if (column.type !== 'category') return utf8Vector(texts, valid);
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!valid[i]) continue;
    const text = texts[i] as string;
    let code = seen.get(text);
    if (code === undefined) {
      code = dictionary.push(text) - 1;
      seen.set(text, code);
    }
    codes[i] = code;
  }
  return dictionaryVector(codes, dictionary, valid);
}

function numericColumn(column: ColumnSchema, reader: ValueReader, problems: InputProblem[]): Vector {
  const n = reader.rows;
  const values = new Float64Array(n);
  const valid = new Uint8Array(n);
  const kind = column.type === 'integer' || column.type === 'boolean' || column.type === 'date' ? column.type : 'number';
  let int32 = true;
  for (let i = 0; i < n; i++) {
    const value = reader.value(column.name, i);
    const number = value === undefined ? 'is missing' : numberOf({ name: column.name, kind }, value);
    if (typeof number === 'string') problems.push({ row: i, field: column.name, problem: number });
    else if (!Number.isNaN(number)) {
      values[i] = number;
      valid[i] = 1;
      if (number > 2_147_483_647 || number < -2_147_483_648) int32 = false;
    }
  }
  if (kind === 'date') return dateVector(values, valid);
  if (kind === 'boolean') return boolVector(Uint8Array.from(values), valid);
  if (kind === 'integer' && int32) return int32Vector(Int32Array.from(values), valid);
  return float64Vector(values, valid);
}

/**
 * Feeds for a version with a scoring path: the raw rows are checked against the raw columns (every
 * problem gathered into one ENDPOINT_INPUT_INVALID), made into a table, passed through the path's
 * steps (the graph's own node implementations) and fed as batch scoring feeds a table.
 */
export async function pipelineFeeds(
  model: ServedModel,
  pipeline: ServedPipeline,
  body: PredictBody,
): Promise<{ rows: number; feeds: Record<string, ort.Tensor> }> {
  const problems: InputProblem[] = [];
  const reader = valueReader(body, problems);
  const names: string[] = [];
  const vectors: Vector[] = [];
  for (const column of pipeline.columns) {
    if (!reader.has(column.name)) {
      problems.push({ field: column.name, problem: `is missing (the model reads ${model.features.map((f) => f.name).join(', ')})` });
      continue;
    }
    const text = column.type === 'string' || column.type === 'category';
    vectors.push(text ? textColumn(column, reader, problems) : numericColumn(column, reader, problems));
    names.push(column.name);
  }
  if (problems.length > 0) throw inputError(problems);
  // Columns the path reads but the model does not need are not asked for: they go in as nulls.
  for (const column of pipeline.path.fill) {
    names.push(column.name);
    vectors.push(nullColumn(column.type, reader.rows));
  }
  const features = await pipeline.apply(tableFromColumns(names, vectors));
  const batch = tableFeeds(features, pipeline.inputs, {}).batch(0, reader.rows);
  const { Tensor } = loadedOnnxRuntime();
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(batch)) feeds[name] = new Tensor(t.type, t.data as never, t.dims);
  return { rows: reader.rows, feeds };
}
