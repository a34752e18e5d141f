// JSON.stringify writes U+0000 as `\u0000` and a lone surrogate as `\udXXX` (paired ones stay raw), and
// PostgreSQL's jsonb refuses both. An escaped backslash is matched first so `\\u0000` (text) is left alone.
const refusedEscape = /\\\\|\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

/**
 * `JSON.stringify(value)` made storable in PostgreSQL jsonb and text: U+0000 becomes U+2400 (␀, the
 * visible symbol for NUL) and a lone surrogate becomes U+FFFD, in keys and values alike. Every other
 * character is kept as it is.
 *
 * @example
 * storableJson({ 'a\u0000b': '\ud800' }) // '{"a␀b":"�"}'
 */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes('\\u') ? text.replace(refusedEscape, storableEscape) : text;
}

function storableEscape(sequence: string): string {
  if (sequence === '\\\\') return sequence;
  return sequence === '\\u0000' ? '\u2400' : '\ufffd';
}
