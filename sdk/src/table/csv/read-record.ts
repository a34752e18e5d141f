/** One record read as strings: for headers and detection samples, never the data rows. */
export interface TextRecord {
  fields: string[];
  /** Offset just after the record's line break. */
  next: number;
  /** False when the bytes ended inside a quoted field. */
  complete: boolean;
}

const decoder = new TextDecoder();

/** Reads one RFC 4180 record starting at `pos`; tolerant of anything, never throws. */
export function readRecord(bytes: Uint8Array, pos: number, delimiter: number, end = bytes.length): TextRecord {
  const fields: string[] = [];
  let i = pos;
  for (;;) {
    if (bytes[i] === 34 && i < end) {
      let text = '';
      let from = i + 1;
      for (;;) {
        const q = bytes.indexOf(34, from);
        if (q < 0 || q >= end) {
          fields.push(text + decoder.decode(bytes.subarray(from, end)));
          return { fields, next: end, complete: false };
        }
        text += decoder.decode(bytes.subarray(from, q));
        if (bytes[q + 1] === 34 && q + 1 < end) {
          text += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      // Text after a closing quote is kept, as most readers do, for the sample's sake.
      let j = i;
      while (j < end && bytes[j] !== delimiter && bytes[j] !== 10) j++;
      let tail = j;
      if (bytes[tail - 1] === 13 && tail > i) tail--;
      fields.push(text + decoder.decode(bytes.subarray(i, tail)));
      i = j;
    } else {
      let j = i;
      while (j < end && bytes[j] !== delimiter && bytes[j] !== 10) j++;
      let tail = j;
      if (tail > i && bytes[tail - 1] === 13) tail--;
      fields.push(decoder.decode(bytes.subarray(i, tail)));
      i = j;
    }
    if (i >= end) return { fields, next: end, complete: true };
    if (bytes[i] === 10) return { fields, next: i + 1, complete: true };
    i++;
  }
}
