import type { Result } from '../../errors/issue';
import { lineNumberAt } from './line-number';

/** UTF-8 bytes ready to scan, starting at `start` (after any byte-order mark). */
export interface DecodedInput {
  bytes: Uint8Array;
  start: number;
}

const validationChunk = 1 << 20;

function transcodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Result<DecodedInput> {
  const text = new TextDecoder(encoding, { fatal: false }).decode(bytes.subarray(2));
  return { ok: true, value: { bytes: new TextEncoder().encode(text), start: 0 } };
}

/** The offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    const size = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (size === 0 || i + size > n) return i;
    const c1 = bytes[i + 1] as number;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    for (let k = 1; k < size; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return i;
    i += size;
  }
  return -1;
}

/** True when the bytes are valid UTF-8; the native decoder checks them a megabyte at a time. */
function isValidUtf8(bytes: Uint8Array, from: number): boolean {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for (let at = from; at < bytes.length; at += validationChunk) {
      decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + validationChunk)), { stream: true });
    }
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** Old Mac files end lines with a lone CR; seen in the first 64 KiB with no LF, they become LF. */
function normaliseLoneCr(bytes: Uint8Array, start: number): Uint8Array {
  const sample = bytes.subarray(start, start + 65536);
  if (sample.indexOf(13) < 0 || sample.indexOf(10) >= 0) return bytes;
  const out = bytes.slice();
  for (let at = out.indexOf(13, start); at >= 0; at = out.indexOf(13, at + 1)) out[at] = 10;
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
    if (!isValidUtf8(bytes, start)) {
      const at = firstInvalidUtf8(bytes, start);
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
