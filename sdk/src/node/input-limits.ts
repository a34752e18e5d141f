/**
 * Bounds on what input data may make a node allocate, checked before the allocation. A host sets
 * them for a run (`runGraph(graph, { limits })`; the server from its settings) and nodes read them
 * on `ctx.limits`; passing one fails with `INPUT_LIMIT`, naming the limit.
 *
 * @example
 * await parseCsvStream(file.chunks, { maxLineBytes: ctx.limits.csvLineBytes });
 */
export interface InputLimits {
  /** The longest CSV line (one record, quoted line breaks included), in bytes, checked while streaming. */
  readonly csvLineBytes: number;
  /** The most columns (schema elements) a Parquet file may declare. */
  readonly parquetColumns: number;
  /** The deepest nesting of a Parquet schema. */
  readonly parquetDepth: number;
  /** The most characters a text function (`replace`, `concat`) of an expression may build for one block of 8,192 rows. */
  readonly expressionTextChars: number;
}

/**
 * The limits a run has unless its host says otherwise.
 *
 * @example
 * defaultInputLimits.csvLineBytes // 67108864
 */
export const defaultInputLimits: InputLimits = {
  csvLineBytes: 64 * 2 ** 20,
  parquetColumns: 10_000,
  parquetDepth: 64,
  expressionTextChars: 2 ** 27,
};
