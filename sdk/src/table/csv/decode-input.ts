import type { Result } from '../../errors/issue';
import { lineNumberAt } from './line-number';

/** UTF-8 bytes ready to scan, starting at `start` (after any byte-order mark). */
export interface DecodedInput {
  bytes: Uint8Array;
  start: number;
}

function transcodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Result<DecodedInput> {
  const text = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(2));
  return { ok: true, value: { bytes: new TextEncoder().encode(text), start: 0 } };
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
 * Reads the byte-order mark: UTF-8 (skipped), UTF-16 LE/BE (transcoded to UTF-8), none (UTF-8).
 * Invalid UTF-8 fails with the line it is on rather than being replaced: a file in another encoding
 * should be re-saved, not silently altered.
 */
export function decodeInput(input: Uint8Array): Result<DecodedInput> {
  let bytes = input;
  let start = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
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
