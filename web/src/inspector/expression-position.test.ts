import { describe, expect, it } from 'vitest';
import { caretLine, expressionPosition } from './expression-position';

describe('expression positions', () => {
  it('reads "at column N" and "at line L, column C" from SDK messages', () => {
    expect(expressionPosition('Unknown column "agee" at column 1; did you mean "age"?')).toEqual({ line: 1, column: 1 });
    expect(expressionPosition('Expected a value at line 2, column 7')).toEqual({ line: 2, column: 7 });
    expect(expressionPosition('Something else')).toBeUndefined();
  });

  it('puts the caret under the column of the right line', () => {
    expect(caretLine('age > 30 and\ncountry ==', { line: 2, column: 9 })).toEqual({ line: 'country ==', caret: '        ^' });
  });
});
