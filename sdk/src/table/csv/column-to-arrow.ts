import {
  Bool,
  type Data,
  DateMillisecond,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  makeVector,
  TimestampMillisecond,
  Utf8,
} from 'apache-arrow';
import { type ColumnBuilder, Kind } from './column-builder';

/** A view of the first `n` items, copied only when the spare room would waste over a quarter. */
function trimTo<T extends Int32Array | Float64Array | Uint8Array | BigInt64Array>(array: T, n: number): T {
  return (array.length > n * 1.25 + 64 ? array.slice(0, n) : array.subarray(0, n)) as T;
}

function packBits(flags: Uint8Array, rows: number): Uint8Array {
  const bits = new Uint8Array((rows + 7) >> 3);
  for (let r = 0; r < rows; r++) if (flags[r] === 1) bits[r >> 3] = (bits[r >> 3] as number) | (1 << (r & 7));
  return bits;
}

/** Epoch milliseconds as Int64 without a BigInt per value: low and high 32-bit words. */
function toInt64(millis: Float64Array, rows: number): BigInt64Array {
  const out = new BigInt64Array(rows);
  const words = new Int32Array(out.buffer);
  for (let r = 0; r < rows; r++) {
    const v = millis[r] as number;
    const high = Math.floor(v / 4294967296);
    words[2 * r] = v - high * 4294967296;
    words[2 * r + 1] = high;
  }
  return out;
}

function utf8Data(offsets: Int32Array, data: Uint8Array, rows: number, nullBitmap: Uint8Array | undefined, nullCount: number): Data<Utf8> {
  const end = offsets[rows] as number;
  return makeData({
    type: new Utf8(),
    length: rows,
    valueOffsets: trimTo(offsets, rows + 1),
    data: trimTo(data, end),
    nullBitmap,
    nullCount,
  });
}

/**
 * Turns a finished column into an Arrow field and its data, straight from the builder's typed
 * arrays: Int32, Int64 (integers beyond ±2^53), Float64, Bool, DateMillisecond / Timestamp (ms, UTC), Utf8 or Dictionary<Utf8, Int32>.
 */
export function columnToArrow(name: string, builder: ColumnBuilder, rows: number, categoryMaxRatio: number): { field: Field; data: Data } {
  const nullCount = builder.nullCount;
  const nullBitmap = nullCount > 0 && builder.validity !== null ? trimTo(builder.validity, (rows + 7) >> 3) : undefined;
  const nullable = nullCount > 0;
  let data: Data;
  switch (builder.kind) {
    case Kind.integer:
      data = makeData({ type: new Int32(), length: rows, data: trimTo(builder.ints, rows), nullBitmap, nullCount });
      break;
    case Kind.int64:
      data = makeData({ type: new Int64(), length: rows, data: trimTo(builder.bigs, rows), nullBitmap, nullCount });
      break;
    case Kind.number:
      data = makeData({ type: new Float64(), length: rows, data: trimTo(builder.floats, rows), nullBitmap, nullCount });
      break;
    case Kind.boolean:
      data = makeData({ type: new Bool(), length: rows, data: packBits(builder.flags, rows), nullBitmap, nullCount });
      break;
    case Kind.date: {
      const values = toInt64(builder.floats, rows);
      data = builder.hasTime
        ? makeData({ type: new TimestampMillisecond('UTC'), length: rows, data: values, nullBitmap, nullCount })
        : makeData({ type: new DateMillisecond(), length: rows, data: values, nullBitmap, nullCount });
      break;
    }
    case Kind.text: {
      const text = builder.text;
      if (text === null) throw new Error('text column without storage');
      const dictionary = text.dictionary;
      if (dictionary !== null && text.isCategory(rows, categoryMaxRatio)) {
        const codes = trimTo(text.codes, rows);
        for (let r = 0; r < rows; r++) if ((codes[r] as number) < 0) codes[r] = 0;
        const values = makeVector(utf8Data(dictionary.offsets, dictionary.data, dictionary.size, undefined, 0));
        data = makeData({
          type: new Dictionary(new Utf8(), new Int32()),
          length: rows,
          data: codes,
          dictionary: values,
          nullBitmap,
          nullCount,
        });
      } else {
        text.toPlain(rows);
        data = utf8Data(text.offsets, text.data, rows, nullBitmap, nullCount);
      }
      break;
    }
    default:
      // No value at all: a column of nulls, typed as text.
      data = makeData({
        type: new Utf8(),
        length: rows,
        valueOffsets: new Int32Array(rows + 1),
        data: new Uint8Array(0),
        nullBitmap: new Uint8Array((rows + 7) >> 3),
        nullCount: rows,
      });
  }
  return { field: new Field(name, data.type, nullable || builder.kind === Kind.empty), data };
}
