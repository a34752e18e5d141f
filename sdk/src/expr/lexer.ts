import type { Result } from '../errors';
import { exceedsCharacters } from '../graph/character-count';
import type { Span } from './ast';
import { expressionIssue, quoteText } from './expression-issue';
import { expressionLimits } from './limits';

/** One token of expression text. `text` is the value: the name, the unquoted string, the operator. */
export interface Token {
  kind: 'number' | 'string' | 'name' | 'keyword' | 'op' | 'eof';
  text: string;
  /** True for a number written without `.` or exponent. */
  integer: boolean;
  span: Span;
}

const keywords = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'between', 'case', 'when', 'then', 'else', 'end']);
const twoCharOps = new Set(['==', '!=', '<>', '<=', '>=']);
const oneCharOps = new Set(['+', '-', '*', '/', '%', '=', '<', '>', '(', ')', ',']);
const escapes = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
  ['\\', '\\'],
  ["'", "'"],
  ['"', '"'],
]);

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);

/**
 * Splits expression text into tokens with positions. Never throws: bad characters, unterminated
 * strings and over-long text come back as issues.
 *
 * @example
 * lexExpression('age > 30') // ok: name "age", op ">", number "30", eof
 */
export function lexExpression(text: string): Result<Token[]> {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  const spanFrom = (start: number): Span => ({ offset: start, length: pos - start, line, column: start - lineStart + 1 });
  const fail = (message: string, start: number): Result<Token[]> => ({ ok: false, issues: [expressionIssue(message, spanFrom(start))] });

  if (exceedsCharacters(text, expressionLimits.maxLength)) {
    return { ok: false, issues: [expressionIssue(`expression is longer than ${expressionLimits.maxLength} characters`, spanFrom(0))] };
  }
  while (pos < text.length) {
    const c = text.charAt(pos);
    const start = pos;
    if (c === '\n') {
      pos++;
      line++;
      lineStart = pos;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      pos++;
      continue;
    }
    if (tokens.length >= expressionLimits.maxTokens) return fail(`expression has more than ${expressionLimits.maxTokens} tokens`, start);
    if (isDigit(c) || (c === '.' && isDigit(text.charAt(pos + 1)))) {
      let integer = true;
      while (isDigit(text.charAt(pos))) pos++;
      if (text.charAt(pos) === '.') {
        integer = false;
        pos++;
        while (isDigit(text.charAt(pos))) pos++;
      }
      const e = text.charAt(pos);
      if (e === 'e' || e === 'E') {
        const sign = text.charAt(pos + 1) === '+' || text.charAt(pos + 1) === '-' ? 1 : 0;
        if (!isDigit(text.charAt(pos + 1 + sign))) return fail('malformed number exponent', start);
        integer = false;
        pos += 1 + sign;
        while (isDigit(text.charAt(pos))) pos++;
      }
      if (isNameStart(text.charAt(pos))) return fail(`unexpected ${quoteText(text.charAt(pos))} after a number`, pos);
      tokens.push({ kind: 'number', text: text.slice(start, pos), integer, span: spanFrom(start) });
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      pos++;
      for (;;) {
        if (pos >= text.length) return fail('unterminated string', start);
        const d = text.charAt(pos);
        if (d === c) break;
        if (d === '\\') {
          const escaped = escapes.get(text.charAt(pos + 1));
          if (escaped === undefined) {
            pos++;
            return fail(`unknown escape "\\${text.charAt(pos)}" in string`, pos - 1);
          }
          value += escaped;
          pos += 2;
          continue;
        }
        if (d === '\n') return fail('unterminated string', start);
        value += d;
        pos++;
      }
      pos++;
      tokens.push({ kind: 'string', text: value, integer: false, span: spanFrom(start) });
      continue;
    }
    if (c === '`') {
      let name = '';
      pos++;
      for (;;) {
        if (pos >= text.length || text.charAt(pos) === '\n') return fail('unterminated `quoted name`', start);
        if (text.charAt(pos) === '`') {
          if (text.charAt(pos + 1) !== '`') break;
          pos++;
        }
        name += text.charAt(pos);
        pos++;
      }
      pos++;
      if (name === '') return fail('empty `quoted name`', start);
      tokens.push({ kind: 'name', text: name, integer: false, span: spanFrom(start) });
      continue;
    }
    if (isNameStart(c)) {
      // Dotted names (`baseline.auc`) are one name.
      for (;;) {
        while (isNamePart(text.charAt(pos))) pos++;
        if (text.charAt(pos) === '.' && isNameStart(text.charAt(pos + 1))) pos++;
        else break;
      }
      const word = text.slice(start, pos);
      const lower = word.toLowerCase();
      const isKeyword = keywords.has(lower);
      tokens.push({ kind: isKeyword ? 'keyword' : 'name', text: isKeyword ? lower : word, integer: false, span: spanFrom(start) });
      continue;
    }
    const two = text.slice(pos, pos + 2);
    if (twoCharOps.has(two)) {
      pos += 2;
      tokens.push({ kind: 'op', text: two, integer: false, span: spanFrom(start) });
      continue;
    }
    if (oneCharOps.has(c)) {
      pos++;
      tokens.push({ kind: 'op', text: c, integer: false, span: spanFrom(start) });
      continue;
    }
    pos++;
    return fail(`unexpected character ${quoteText(c)}`, start);
  }
  tokens.push({ kind: 'eof', text: '', integer: false, span: spanFrom(pos) });
  return { ok: true, value: tokens };
}
