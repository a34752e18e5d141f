import type { Issue, Result } from '../errors/issue';
import { checkJsonValue, type JsonLimits } from './check-json-value';
import { jsonErrorPosition } from './json-error-position';
import { graphLimits } from './schema';

/**
 * Parses untrusted JSON text without ever throwing: checks the UTF-8 size, parses with
 * `JSON.parse` (which evaluates nothing), reports a syntax error with its line and column, then
 * walks the value without recursion for depth, string length, keys per object and the forbidden
 * keys `__proto__`, `constructor` and `prototype`. Node and edge counts are left to the schema.
 * A leading byte-order mark is ignored.
 *
 * @example
 * const r = parseJsonSafely('{"a": [1, 2}');
 * if (!r.ok) r.issues[0]?.message // "Expected ',' or ']' after array element at line 1, column 12"
 */
export function parseJsonSafely(text: string, limits: JsonLimits = graphLimits): Result<unknown> {
  if (typeof text !== 'string') return fail({ code: 'GRAPH_JSON_SYNTAX', path: [], message: `expected JSON text, got a ${typeof text}` });
  if (exceedsUtf8Bytes(text, limits.bytes)) {
    return fail({ code: 'GRAPH_TOO_LARGE', path: [], message: `the text is more than ${limits.bytes} bytes (the limit)` });
  }
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return fail(syntaxIssue(source, error));
  }
  const issues = checkJsonValue(value, limits);
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

function fail(issue: Issue): Result<never> {
  return { ok: false, issues: [issue] };
}

/** Whether the UTF-8 encoding of `text` is longer than `limit` bytes, counted without encoding it. */
function exceedsUtf8Bytes(text: string, limit: number): boolean {
  // Each UTF-16 unit takes 1 to 3 bytes (a surrogate pair 4 for 2 units), so most texts need no count.
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) return true;
  }
  return false;
}

function syntaxIssue(text: string, error: unknown): Issue {
  const raw = error instanceof Error ? error.message : String(error);
  const at = /at position (\d+)/.exec(raw);
  let position = at ? Number(at[1]) : /end of JSON input/.test(raw) ? text.length : jsonErrorPosition(text);
  if (position < 0 || position > text.length) position = text.length;
  const { line, column } = lineAndColumn(text, position);
  // V8 quotes a piece of the text in some messages; we name the one character instead.
  const reason = /^Unexpected token/.test(raw)
    ? `Unexpected character ${JSON.stringify(text.slice(position, position + 1))}`
    : raw
        .replace(/( in JSON)? at position \d+.*$/s, '')
        .replace(/,\s*".*$/s, '')
        .slice(0, 200);
  return { code: 'GRAPH_JSON_SYNTAX', path: [], message: `${reason} at line ${line}, column ${column}` };
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1 };
}
