import type { BadRow } from './csv-options';
import type { RawBadRow } from './scan-rows';

const decoder = new TextDecoder();

function excerpt(bytes: Uint8Array, start: number, end: number): string {
  const text = decoder.decode(bytes.subarray(start, Math.min(end, start + 60)));
  return end - start > 60 ? `${text}…` : text;
}

/**
 * Words for each bad row. Lines are counted here from the start of `bytes`, once for all rows (offsets
 * ascend), or with `lines: 'scanned'` taken from the scan (when `bytes` is one window of a stream).
 */
export function reportBadRows(
  bytes: Uint8Array,
  raw: RawBadRow[],
  names: string[],
  types: Readonly<Record<string, string>>,
  maxFieldBytes: number,
  lines: 'count' | 'scanned' = 'count',
): BadRow[] {
  const out: BadRow[] = [];
  let line = 1;
  let counted = 0;
  for (const bad of raw) {
    if (lines === 'scanned') line = bad.line;
    else {
      for (let at = bytes.indexOf(10, counted); at >= 0 && at < bad.offset; at = bytes.indexOf(10, at + 1)) {
        line++;
        counted = at + 1;
      }
      if (counted < bad.offset) counted = bad.offset;
    }
    let message: string;
    switch (bad.reason) {
      case 'ragged':
        message = `Line ${line} has ${bad.fields} field${bad.fields === 1 ? '' : 's'}, expected ${names.length}.`;
        break;
      case 'unconvertible': {
        const name = names[bad.column] ?? '';
        const text = excerpt(bytes, bad.valueStart, bad.valueEnd);
        message =
          types[name] === 'integer' && /^\s*[+-]?\d+\s*$/.test(text)
            ? `Line ${line}: ${text.trim()} in column "${name}" is beyond the 64-bit integer range; declare the column as string to keep it exactly.`
            : `Line ${line}: "${text}" in column "${name}" is not a valid ${types[name] ?? 'value'}.`;
        break;
      }
      case 'unterminated-quote':
        message = `Line ${line}: a quoted field is never closed.`;
        break;
      case 'malformed-quote':
        message = `Line ${line}: text follows a closing quote; write a quote inside a quoted field as "".`;
        break;
      default:
        message = `Line ${line}: a field is larger than the limit of ${maxFieldBytes} bytes.`;
    }
    out.push({ line, reason: bad.reason, message });
  }
  return out;
}
