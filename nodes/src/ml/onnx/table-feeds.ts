import { type ColumnArrays, categoryText, columnOf, type OnnxTensor, type OnnxValueInfo, readColumn, UserError } from '@causeway/sdk';
import type { Table } from 'apache-arrow';

/** One model input prepared for the whole table, sliced into batches without copying numbers. */
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

function fillNumeric(
  out: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array,
  columns: ColumnArrays[],
  names: readonly string[],
  input: string,
  rows: number,
): void {
  const width = columns.length;
  columns.forEach((column, j) => {
    const { values, valid } = numbers(column, names[j] as string, input);
    if (out instanceof BigInt64Array) {
      for (let i = 0; i < rows; i++) {
        if (valid && !valid[i])
          throw new UserError(
            'MODEL_INPUT_MISMATCH',
            `Model input "${input}" takes integers and cannot take the null in column "${names[j]}" at row ${i + 1}.`,
          );
        out[i * width + j] = BigInt(Math.trunc(values[i] as number));
      }
      return;
    }
    if (width === 1 && (out instanceof Float32Array || out instanceof Float64Array)) {
      // One native converting copy; the usual case (one [N, 1] float input per column).
      out.set(values);
      // Nulls reach float inputs as NaN, which a written model's Imputer replaces.
      if (valid) for (let i = 0; i < rows; i++) if (!valid[i]) out[i] = Number.NaN;
      return;
    }
    for (let i = 0; i < rows; i++) out[i * width + j] = valid && !valid[i] ? Number.NaN : (values[i] as number);
  });
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
      const data =
        type === 'float32'
          ? new Float32Array(rows * width)
          : type === 'float64'
            ? new Float64Array(rows * width)
            : type === 'int32'
              ? new Int32Array(rows * width)
              : type === 'int64'
                ? new BigInt64Array(rows * width)
                : new Uint8Array(rows * width);
      fillNumeric(data, read, columns, info.name, rows);
      return {
        name: info.name,
        width,
        rank,
        slice: (s, e) => ({ type, data: data.subarray(s * width, e * width), dims: dims(e - s) }) as OnnxTensor,
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
 * given in `columns` (F of them), in order. Nulls become NaN (floats) or '' (strings).
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
