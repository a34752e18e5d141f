/**
 * Type-preserving gathers over Arrow data: the output keeps the input's Arrow type (Int8 stays Int8,
 * a dictionary keeps its dictionary), one chunk. An index of -1 yields a null row.
 */
import { type Data, type DataType, isArrowVector, makeData, makeVector, Type, type Vector, vectorFromArray } from 'apache-arrow';
import { dictionaryVector, packBits, packValidity } from './build-vector';
import { readColumn, readValidity } from './columns';

type TypedArrayLike = { length: number; [index: number]: number | bigint; constructor: new (n: number) => TypedArrayLike };
type DataProps = Parameters<typeof makeData>[0];

const fixedWidth = new Set<number>([
  Type.Int,
  Type.Float,
  Type.Date,
  Type.Timestamp,
  Type.Time,
  Type.Decimal,
  Type.Interval,
  Type.Duration,
  Type.FixedSizeBinary,
]);

// Arrow's getters hand out views (a list cell is a Vector over the parent's buffers); builders want plain values.
function plain(value: unknown): unknown {
  if (isArrowVector(value)) return Array.from(value, plain);
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function') return value.toJSON();
  return value;
}

function isUtf8Like(data: Data): boolean {
  return (data.typeId === Type.Utf8 || data.typeId === Type.Binary) && data.valueOffsets instanceof Int32Array;
}

/**
 * The column as one Arrow `Data`: zero-copy for a single chunk, otherwise the chunks concatenated once
 * (dictionary chunks with different dictionaries are re-coded onto one).
 *
 * @example
 * const data = flattenData(table.getChild('x')!);
 */
export function flattenData(vector: Vector): Data {
  const chunks = vector.data;
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  return concatData(chunks, vector.type);
}

/**
 * Concatenates same-typed vectors into one single-chunk vector of that type.
 *
 * @example
 * concatVectors([a, b]).length === a.length + b.length
 */
export function concatVectors(vectors: readonly Vector[]): Vector {
  const first = vectors[0];
  if (!first) throw new RangeError('concatVectors needs at least one vector');
  return makeVector(
    concatData(
      vectors.flatMap((v) => v.data),
      first.type,
    ),
  );
}

function concatData(chunks: readonly Data[], type: DataType): Data {
  const length = chunks.reduce((n, d) => n + d.length, 0);
  const all = makeVector(chunks as Data[]);
  const valid = readValidity(all);
  const nulls = packValidity(valid, length);
  const typeId = type.typeId;
  if (typeId === Type.Null) return makeData({ type, length } as DataProps);
  if (typeId === Type.Dictionary) {
    const sameDictionary = chunks.every((d) => d.dictionary === chunks[0]?.dictionary);
    if (!sameDictionary) {
      const col = readColumn(all);
      if (col.kind === 'category') return dictionaryVector(col.codes, col.dictionary, valid).data[0] as Data;
    }
  }
  if (fixedWidth.has(typeId) || typeId === Type.Dictionary) {
    const first = chunks[0]?.values as TypedArrayLike & { set(a: unknown, at: number): void };
    const stride = chunks[0]?.stride ?? 1;
    const out = new first.constructor(length * stride) as typeof first;
    let at = 0;
    for (const d of chunks) {
      out.set((d.values as Int32Array).subarray(0, d.length * stride), at);
      at += d.length * stride;
    }
    return makeData({ type, length, data: out, dictionary: chunks[0]?.dictionary, ...nulls } as DataProps);
  }
  if (typeId === Type.Bool) {
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const d of chunks) {
      const bits = d.values as Uint8Array;
      for (let i = 0; i < d.length; i++) {
        const bit = d.offset + i;
        bytes[at + i] = ((bits[bit >> 3] as number) >> (bit & 7)) & 1;
      }
      at += d.length;
    }
    return makeData({ type, length, data: packBits(bytes, length), ...nulls } as DataProps);
  }
  if (chunks.every(isUtf8Like)) {
    let total = 0;
    for (const d of chunks) total += (d.valueOffsets[d.length] as number) - (d.valueOffsets[0] as number);
    const offsets = new Int32Array(length + 1);
    const bytes = new Uint8Array(total);
    let row = 0;
    let at = 0;
    for (const d of chunks) {
      const src = d.valueOffsets as Int32Array;
      const start = src[0] as number;
      const end = src[d.length] as number;
      bytes.set((d.values as Uint8Array).subarray(start, end), at);
      for (let i = 1; i <= d.length; i++) offsets[row + i] = (src[i] as number) - start + at;
      row += d.length;
      at += end - start;
    }
    return makeData({ type, length, valueOffsets: offsets, data: bytes, ...nulls } as DataProps);
  }
  const values: unknown[] = new Array(length);
  for (let i = 0; i < length; i++) values[i] = plain(all.get(i));
  return vectorFromArray(values, type).data[0] as Data;
}

/**
 * Gathers rows `indices` of one `Data` (-1 = null row) into a new single-chunk `Data` of the same type;
 * `missing` says whether any index is -1 when the caller knows.
 *
 * @example
 * takeData(flattenData(vector), new Int32Array([2, 0, -1]))
 */
export function takeData(data: Data, indices: Int32Array, missing?: boolean): Data {
  const m = indices.length;
  const type = data.type;
  const typeId = data.typeId;
  if (typeId === Type.Null) return makeData({ type, length: m } as DataProps);
  let anyMissing = missing ?? false;
  if (missing === undefined) for (let j = 0; j < m && !anyMissing; j++) if ((indices[j] as number) < 0) anyMissing = true;
  let valid: Uint8Array | null = null;
  const bitmap = data.nullCount > 0 ? data.nullBitmap : null;
  if (bitmap || anyMissing) {
    valid = new Uint8Array(m);
    const off = data.offset;
    for (let j = 0; j < m; j++) {
      const i = indices[j] as number;
      if (i < 0) continue;
      const bit = off + i;
      valid[j] = bitmap ? ((bitmap[bit >> 3] as number) >> (bit & 7)) & 1 : 1;
    }
  }
  const nulls = packValidity(valid, m);
  if (fixedWidth.has(typeId) || typeId === Type.Dictionary) {
    const src = data.values as TypedArrayLike;
    const stride = data.stride;
    const out = new src.constructor(m * stride);
    if (stride === 1) {
      if (anyMissing) {
        for (let j = 0; j < m; j++) {
          const i = indices[j] as number;
          if (i >= 0) out[j] = src[i] as number;
        }
      } else if (src instanceof Float64Array) gatherFloat64(src, indices, out as unknown as Float64Array);
      else if (src instanceof Int32Array) gatherInt32(src, indices, out as unknown as Int32Array);
      else {
        for (let j = 0; j < m; j++) out[j] = src[indices[j] as number] as number;
      }
    } else {
      for (let j = 0; j < m; j++) {
        const i = indices[j] as number;
        if (i >= 0) for (let k = 0; k < stride; k++) out[j * stride + k] = src[i * stride + k] as number;
      }
    }
    return makeData({ type, length: m, data: out, dictionary: data.dictionary, ...nulls } as DataProps);
  }
  if (typeId === Type.Bool) {
    const bits = data.values as Uint8Array;
    const bytes = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      const i = indices[j] as number;
      if (i < 0) continue;
      const bit = data.offset + i;
      bytes[j] = ((bits[bit >> 3] as number) >> (bit & 7)) & 1;
    }
    return makeData({ type, length: m, data: packBits(bytes, m), ...nulls } as DataProps);
  }
  if (isUtf8Like(data)) return takeUtf8(data, indices, nulls);
  const vector = makeVector(data);
  const values: unknown[] = new Array(m);
  for (let j = 0; j < m; j++) {
    const i = indices[j] as number;
    values[j] = i < 0 ? null : plain(vector.get(i));
  }
  return vectorFromArray(values, type).data[0] as Data;
}

// One loop per common element type: a loop shared by several typed-array types runs markedly slower.
function gatherFloat64(src: Float64Array, indices: Int32Array, out: Float64Array): void {
  for (let j = 0; j < indices.length; j++) out[j] = src[indices[j] as number] as number;
}

function gatherInt32(src: Int32Array, indices: Int32Array, out: Int32Array): void {
  for (let j = 0; j < indices.length; j++) out[j] = src[indices[j] as number] as number;
}

function takeUtf8(data: Data, indices: Int32Array, nulls: ReturnType<typeof packValidity>): Data {
  const m = indices.length;
  const src = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const offsets = new Int32Array(m + 1);
  let total = 0;
  for (let j = 0; j < m; j++) {
    const i = indices[j] as number;
    if (i >= 0) total += (src[i + 1] as number) - (src[i] as number);
    offsets[j + 1] = total;
  }
  const out = new Uint8Array(total);
  for (let j = 0; j < m; j++) {
    const i = indices[j] as number;
    if (i < 0) continue;
    const start = src[i] as number;
    const len = (src[i + 1] as number) - start;
    const at = offsets[j] as number;
    if (len < 16) for (let k = 0; k < len; k++) out[at + k] = bytes[start + k] as number;
    else out.set(bytes.subarray(start, start + len), at);
  }
  return makeData({ type: data.type, length: m, valueOffsets: offsets, data: out, ...nulls } as DataProps);
}

/**
 * Gathers rows of a vector (-1 = null row), keeping its type; one chunk out. `missing` says whether any
 * index is -1 when the caller knows (saves a scan).
 *
 * @example
 * takeVector(vectorFromArray(['a', 'b']), new Int32Array([1, 1, -1])) // ['b', 'b', null]
 */
export function takeVector(vector: Vector, indices: Int32Array, missing?: boolean): Vector {
  return makeVector(takeData(flattenData(vector), indices, missing));
}
