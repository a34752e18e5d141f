import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorPosition } from './json-error-position';

function v8Position(text: string): number | undefined {
  try {
    JSON.parse(text);
    return -1;
  } catch (error) {
    const message = (error as Error).message;
    if (/end of JSON input/.test(message)) return text.length;
    const at = /at position (\d+)/.exec(message);
    return at ? Number(at[1]) : undefined;
  }
}

/** JSON text with one character replaced, inserted or removed, or cut short. */
const damagedJson = fc
  .tuple(fc.json(), fc.nat(), fc.constantFrom('replace', 'insert', 'delete', 'truncate'), fc.constantFrom(...'{}[]:,"\\ 0-1.eEtfnx\u0001'))
  .map(([text, at, how, char]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (how === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
    if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
    if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i);
  });

describe('jsonErrorPosition', () => {
  it.each([
    ['{"a": tru}', 9],
    ['x', 0],
    ['', 0],
    ['[1,2', 4],
    ['{"a":1,}', 7],
    ['01', 1],
    ['[-]', 2],
    ['"\\x"', 2],
    ['"\\u12g4"', 5],
    ['{"a" 1}', 5],
    ['[1]x', 3],
    ['  {"a":1}  ', -1],
    ['[1e+5, -0.5, true, false, null, "\\u00e9"]', -1],
  ])('locates the error in %j at %d', (text, position) => {
    expect(jsonErrorPosition(text)).toBe(position);
  });

  it('agrees with JSON.parse on validity and on every position V8 reports (property)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), damagedJson, fc.string()), (text) => {
        const ours = jsonErrorPosition(text);
        const theirs = v8Position(text);
        expect(ours === -1).toBe(theirs === -1);
        if (theirs !== undefined) expect(ours).toBe(theirs);
      }),
      { numRuns: 1000 },
    );
  });

  it('handles 100,000 levels of nesting without recursion', () => {
    expect(jsonErrorPosition('['.repeat(100_000) + ']'.repeat(100_000))).toBe(-1);
    expect(jsonErrorPosition('['.repeat(100_000))).toBe(100_000);
  });
});
