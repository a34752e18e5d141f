const decoder = new TextDecoder();
const encoder = new TextEncoder();

/**
 * Decodes `bytes[start, end)` as UTF-8. Short ASCII runs skip TextDecoder, whose call overhead dominates
 * for the short strings tables are made of.
 *
 * @example
 * decodeUtf8(new TextEncoder().encode('héllo'), 0, 6) // 'héllo'
 */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length <= 0) return '';
  if (length <= 24) {
    let text = '';
    for (let i = start; i < end; i++) {
      const byte = bytes[i] as number;
      if (byte >= 0x80) return decoder.decode(bytes.subarray(start, end));
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return decoder.decode(bytes.subarray(start, end));
}

/**
 * Encodes strings (null for a missing value) into Arrow's Utf8 layout: `offsets` (length + 1) and `bytes`.
 *
 * @example
 * encodeUtf8(['a', null, 'bc']) // { offsets: Int32Array [0, 1, 1, 3], bytes: Uint8Array [97, 98, 99] }
 */
export function encodeUtf8(strings: ArrayLike<string | null>): { offsets: Int32Array; bytes: Uint8Array } {
  const n = strings.length;
  const offsets = new Int32Array(n + 1);
  let capacity = 16;
  for (let i = 0; i < n; i++) capacity += (strings[i] ?? '').length;
  let bytes = new Uint8Array(capacity);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const text = strings[i] ?? '';
    const len = text.length;
    if (at + len * 3 > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, at + len * 3 + 16));
      grown.set(bytes.subarray(0, at));
      bytes = grown;
    }
    let ascii = true;
    for (let k = 0; k < len; k++) {
      const code = text.charCodeAt(k);
      if (code >= 0x80) {
        ascii = false;
        break;
      }
      bytes[at + k] = code;
    }
    at += ascii ? len : (encoder.encodeInto(text, bytes.subarray(at)).written ?? 0);
    offsets[i + 1] = at;
  }
  return { offsets, bytes: bytes.subarray(0, at) };
}
