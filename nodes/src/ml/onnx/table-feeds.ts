import { type ColumnArrays, categoryText, columnOf, type OnnxTensor, type OnnxValueInfo, readColumn, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** One model input read from the table once, cut into batches. */
interface PreparedInput {
  name: string;
  /** Values per row (1 unless the input takes several columns, [N, F]). */
  width: number;
  rank: number;
  slice(start: number, end: number): OnnxTensor;
}

function numbers(column: ColumnArrays, name: string, input: string): { values: Float64Array | Uint8Array; valid: Uint8Array | null } {
  if (column.kind === 'number' || column.kind === 'boolean') return column;
  throw new UserError(
    'MODEL_INPUT_MISMATCH',
    `Model input "${input}" takes numbers, but column "${name}" holds ${column.kind === 'string' ? 'text' : 'categories'}.`,
  );
}

type NumericArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

/** Rows [start, end) of the columns into `out`, row-major (`width` = columns per row). */
function fillNumeric(
  out: NumericArray,
  columns: readonly { values: Float64Array | Uint8Array; valid: Uint8Array | null }[],
  names: readonly string[],
  input: string,
  start: number,
  end: number,
): void {
  const width = columns.length;
  columns.forEach(({ values, valid }, j) => {
    if (out instanceof BigInt64Array) {
      for (let i = start; i < end; i++) {
        if (valid && !valid[i])
          throw new UserError(
            'MODEL_INPUT_MISMATCH',
            `Model input "${input}" takes integers and cannot take the null in column "${names[j]}" at row ${i + 1}.`,
          );
        out[(i - start) * width + j] = BigInt(Math.trunc(values[i] as number));
      }
      return;
    }
    if (width === 1 && (out instanceof Float32Array || out instanceof Float64Array)) {
      // One native converting copy (one [N, 1] float input per column, as converters such as skl2onnx write).
      out.set(values.subarray(start, end));
      // Nulls reach float inputs as NaN, which a written model's Imputer replaces.
      if (valid) for (let i = start; i < end; i++) if (!valid[i]) out[i - start] = Number.NaN;
      return;
    }
    for (let i = start; i < end; i++) out[(i - start) * width + j] = valid && !valid[i] ? Number.NaN : (values[i] as number);
  });
}

function numericArray(type: 'float32' | 'float64' | 'int32' | 'int64' | 'bool', length: number): NumericArray {
  switch (type) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'int64':
      return new BigInt64Array(length);
    default:
      return new Uint8Array(length);
  }
}

function prepare(table: Table, info: OnnxValueInfo, columns: readonly string[]): PreparedInput {
  const rows = table.numRows;
  const read = columns.map((name) => readColumn(columnOf(table, name)));
  const width = read.length;
  const rank = Math.max(1, info.dims.length);
  const dims = (n: number) => (rank === 1 ? [n] : [n, width, ...new Array<number>(rank - 2).fill(1)]);
  switch (info.type) {
    case 'string': {
      const texts = read.map((c) => ({ c, text: categoryText(c) }));
      const data = new Array<string>(rows * width);
      texts.forEach(({ c, text }, j) => {
        for (let i = 0; i < rows; i++) data[i * width + j] = c.valid && !c.valid[i] ? '' : text(i);
      });
      return {
        name: info.name,
        width,
        rank,
        slice: (s, e) => ({ type: 'string', data: data.slice(s * width, e * width), dims: dims(e - s) }),
      };
    }
    case 'float32':
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool': {
      const type = info.type;
      const sources = read.map((c, j) => numbers(c, columns[j] as string, info.name));
      const only = sources.length === 1 ? sources[0] : undefined;
      // A float64 column without nulls feeds a float64 input as it is.
      if (type === 'float64' && only && only.values instanceof Float64Array && !only.valid) {
        const values = only.values;
        return { name: info.name, width, rank, slice: (s, e) => ({ type, data: values.subarray(s, e), dims: dims(e - s) }) };
      }
      // Other batches are converted into one buffer, reused from batch to batch: the caller has
      // finished with a batch's tensors before it asks for the next.
      let buffer = numericArray(type, 0);
      return {
        name: info.name,
        width,
        rank,
        slice: (s, e) => {
          if (buffer.length < (e - s) * width) buffer = numericArray(type, (e - s) * width);
          const data = buffer.subarray(0, (e - s) * width);
          fillNumeric(data, sources, columns, info.name, s, e);
          return { type, data, dims: dims(e - s) } as OnnxTensor;
        },
      };
    }
    default:
      throw new UserError(
        'MODEL_INPUT_MISMATCH',
        `Model input "${info.name}" has element type ${info.type ?? 'non-tensor'}, which a table cannot feed.`,
      );
  }
}

/**
 * Prepares a model's inputs from a table once, then cuts batches. Each input takes the column of
 * its own name, or — for a single [N, F] input such as scikit-learn's `float_input` — the columns
 * given in `columns` (F of them), in order. Nulls become NaN (floats) or '' (strings). A batch's
 * numeric tensors may share memory with the next batch's: use them before asking for the next.
 *
 * @example
 * const feeds = tableFeeds(table, session.inputs, {});
 * await session.run(feeds.batch(0, 10_000));
 */
export function tableFeeds(
  table: Table,
  inputs: readonly OnnxValueInfo[],
  options: { columns?: readonly string[] },
): { batch(start: number, end: number): Record<string, OnnxTensor> } {
  const prepared = inputs.map((info) => {
    const width = info.dims[1];
    const wide = inputs.length === 1 && typeof width === 'number' && width > 1;
    const columns = wide || (options.columns && options.columns.length > 0 && inputs.length === 1) ? (options.columns ?? []) : [info.name];
    if (wide && columns.length !== width) {
      throw new UserError(
        'MODEL_INPUT_MISMATCH',
        `Model input "${info.name}" takes ${width} columns per row; choose ${width} columns to feed it (${columns.length} chosen).`,
      );
    }
    return prepare(table, info, columns);
  });
  return {
    batch: (start, end) => {
      const feeds: Record<string, OnnxTensor> = {};
      for (const p of prepared) feeds[p.name] = p.slice(start, end);
      return feeds;
    },
  };
}
