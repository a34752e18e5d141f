import type { Result } from '../../errors/issue';
import { lineNumberAt } from './line-number';

/** UTF-8 bytes ready to scan, starting at `start` (after any byte-order mark). */
export interface DecodedInput {
  bytes: Uint8Array;
  start: number;
}

/**
 * The text encodings a CSV may be declared in; without one, a byte-order mark decides (UTF-8 else).
 *
 * @example
 * parseCsv(bytes, { encoding: 'windows-1252' });
 */
export const csvEncodings = ['utf-8', 'latin1', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
/**
 * One of {@link csvEncodings}.
 *
 * @example
 * const encoding: CsvEncoding = 'latin1';
 */
export type CsvEncoding = (typeof csvEncodings)[number];

function transcodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Result<DecodedInput> {
  const text = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(2));
  return { ok: true, value: { bytes: new TextEncoder().encode(text), start: 0 } };
}

// Windows-1252 at 0x80–0x9F (the WHATWG index; the five unassigned bytes map to themselves). By hand:
// some runtimes' TextDecoder reads windows-1252 as Latin-1 (nodejs/node#56542).
const cp1252High = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/**
 * Text in a declared 8-bit or UTF-16 encoding → UTF-8 bytes. ISO-8859-1 is mapped byte for byte and
 * Windows-1252 through its table (TextDecoder's "latin1" label means Windows-1252); UTF-16 goes
 * through TextDecoder, skipping a byte-order mark of the encoding. The server and the browser read alike.
 */
function transcode(bytes: Uint8Array, encoding: Exclude<CsvEncoding, 'utf-8'>): Uint8Array {
  let text: string;
  if (encoding === 'latin1' || encoding === 'windows-1252') {
    // Each byte is one UTF-16 code unit, decoded as such (typed arrays are little-endian wherever JS runs in practice).
    const units = new Uint16Array(bytes.length);
    units.set(bytes);
    if (encoding === 'windows-1252')
      for (let i = 0; i < units.length; i++) {
        const u = units[i] as number;
        if (u >= 0x80 && u < 0xa0) units[i] = cp1252High[u - 0x80] as number;
      }
    text = new TextDecoder('utf-16le').decode(units);
  } else {
    const bom = encoding === 'utf-16le' ? bytes[0] === 0xff && bytes[1] === 0xfe : bytes[0] === 0xfe && bytes[1] === 0xff;
    text = new TextDecoder(encoding).decode(bom ? bytes.subarray(2) : bytes);
  }
  return new TextEncoder().encode(text);
}

/** The length of the valid UTF-8 sequence starting with a non-ASCII byte at `i`, or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const c = bytes[i] as number;
  const size = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (size === 0 || i + size > bytes.length) return 0;
  const c1 = bytes[i + 1] as number;
  if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return 0;
  for (let k = 1; k < size; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return 0;
  return size;
}

/**
 * The offset of the first invalid UTF-8 byte, or -1. Skips ASCII four bytes at a time through an
 * aligned word view; checks byte by byte only around multi-byte sequences. A sequence cut by the end
 * of `bytes` counts as invalid (a stream checks it again with the next chunk).
 */
export function findInvalidUtf8(bytes: Uint8Array, from: number): number {
  const n = bytes.length;
  const firstWord = Math.ceil((bytes.byteOffset + from) / 4);
  const lastWord = Math.floor((bytes.byteOffset + n) / 4);
  const words = lastWord > firstWord ? new Uint32Array(bytes.buffer, firstWord * 4, lastWord - firstWord) : new Uint32Array(0);
  const wordStart = words.length > 0 ? firstWord * 4 - bytes.byteOffset : n;
  const wordEnd = wordStart + words.length * 4;
  let at = from;
  while (at < n) {
    if (at >= wordStart && at < wordEnd && ((at - wordStart) & 3) === 0) {
      let w = (at - wordStart) >> 2;
      const count = words.length;
      while (w + 1 < count && (((words[w] as number) | (words[w + 1] as number)) & 0x80808080) === 0) w += 2;
      while (w < count && ((words[w] as number) & 0x80808080) === 0) w++;
      at = wordStart + w * 4;
      if (at >= n) break;
    }
    if ((bytes[at] as number) < 0x80) {
      at++;
      continue;
    }
    const size = sequenceLength(bytes, at);
    if (size === 0) return at;
    at += size;
  }
  return -1;
}

// A quote opens a quoted field only at the start of one: after a line break or a candidate delimiter.
const opensField = new Set([10, 13, 44, 59, 9, 124]);

/**
 * Old Mac files end lines with a lone CR; seen in the first 64 KiB with no LF, they become LF,
 * except inside quoted fields, whose CRs are data.
 */
function normaliseLoneCr(bytes: Uint8Array, start: number): Uint8Array {
  const sample = bytes.subarray(start, start + 65536);
  if (sample.indexOf(13) < 0 || sample.indexOf(10) >= 0) return bytes;
  const out = bytes.slice();
  let quoted = false;
  for (let at = start; at < out.length; at++) {
    const c = out[at];
    if (quoted) {
      if (c === 34) {
        if (out[at + 1] === 34) at++;
        else quoted = false;
      }
    } else if (c === 13) out[at] = 10;
    else if (c === 34 && (at === start || opensField.has(out[at - 1] as number))) quoted = true;
  }
  return out;
}

/**
 * Transcodes a declared encoding other than UTF-8; else reads the byte-order mark: UTF-8 (skipped),
 * UTF-16 LE/BE (transcoded to UTF-8), none (UTF-8).
 * Invalid UTF-8 fails with the line it is on rather than being replaced: a file in another encoding
 * should be re-saved, not silently altered.
 */
export function decodeInput(input: Uint8Array, encoding?: CsvEncoding): Result<DecodedInput> {
  let bytes = input;
  let start = 0;
  if (encoding !== undefined && encoding !== 'utf-8') bytes = transcode(bytes, encoding);
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const r = transcodeUtf16(bytes, 'utf-16le');
    if (!r.ok) return r;
    bytes = r.value.bytes;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const r = transcodeUtf16(bytes, 'utf-16be');
    if (!r.ok) return r;
    bytes = r.value.bytes;
  } else {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
    const at = findInvalidUtf8(bytes, start);
    if (at >= 0) {
      const line = lineNumberAt(bytes, at);
      return {
        ok: false,
        issues: [
          {
            code: 'INPUT_INVALID',
            path: ['line', line],
            message: `Line ${line} is not valid UTF-8 (byte ${at}); save the file as UTF-8 or UTF-16 with a byte-order mark.`,
          },
        ],
      };
    }
  }
  return { ok: true, value: { bytes: normaliseLoneCr(bytes, start), start } };
}
