enum State {
  Value,
  ValueOrClose,
  KeyOrClose,
  Key,
  Colon,
  CommaOrClose,
  End,
}

const quote = 0x22;
const backslash = 0x5c;

/**
 * Where `text` stops being JSON: the index of the first character that cannot continue a valid
 * JSON text, `text.length` when it ends too early, or -1 when it is valid. A scanner without
 * recursion, used only to locate the syntax errors whose V8 message carries no position.
 *
 * @example
 * jsonErrorPosition('{"a": tru}') // 9
 */
export function jsonErrorPosition(text: string): number {
  const n = text.length;
  const stack: boolean[] = []; // true: inside an object
  let state = State.Value;
  let i = 0;
  const afterValue = () => (stack.length === 0 ? State.End : State.CommaOrClose);
  for (;;) {
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) return state === State.End ? -1 : n;
    const c = text.charCodeAt(i);
    switch (state) {
      case State.ValueOrClose:
      case State.Value: {
        if (c === 0x5d && state === State.ValueOrClose) {
          stack.pop();
          i++;
          state = afterValue();
          break;
        }
        if (c === 0x7b || c === 0x5b) {
          stack.push(c === 0x7b);
          i++;
          state = c === 0x7b ? State.KeyOrClose : State.ValueOrClose;
          break;
        }
        const end = c === quote ? scanString(text, i) : c === 0x2d || isDigit(c) ? scanNumber(text, i) : scanLiteral(text, i);
        if (end < 0) return ~end;
        i = end;
        state = afterValue();
        break;
      }
      case State.KeyOrClose:
      case State.Key: {
        if (c === 0x7d && state === State.KeyOrClose) {
          stack.pop();
          i++;
          state = afterValue();
          break;
        }
        if (c !== quote) return i;
        const end = scanString(text, i);
        if (end < 0) return ~end;
        i = end;
        state = State.Colon;
        break;
      }
      case State.Colon:
        if (c !== 0x3a) return i;
        i++;
        state = State.Value;
        break;
      case State.CommaOrClose: {
        const inObject = stack[stack.length - 1] === true;
        if (c === 0x2c) {
          i++;
          state = inObject ? State.Key : State.Value;
        } else if (c === (inObject ? 0x7d : 0x5d)) {
          stack.pop();
          i++;
          state = afterValue();
        } else return i;
        break;
      }
      case State.End:
        return i;
    }
  }
}

// The scanners return the index after the token, or ~position of the error.
function scanString(text: string, start: number): number {
  const n = text.length;
  for (let j = start + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === quote) return j + 1;
    if (c < 0x20) return ~j;
    if (c !== backslash) continue;
    j++;
    if (j >= n) return ~n;
    const e = text[j] as string;
    if ('"\\/bfnrt'.includes(e)) continue;
    if (e !== 'u') return ~j;
    for (let k = 1; k <= 4; k++) {
      if (j + k >= n) return ~n;
      if (!/[0-9a-fA-F]/.test(text[j + k] as string)) return ~(j + k);
    }
    j += 4;
  }
  return ~n;
}

function scanNumber(text: string, start: number): number {
  let j = start;
  if (text.charCodeAt(j) === 0x2d) j++;
  if (text.charCodeAt(j) === 0x30) j++;
  else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
  else return ~Math.min(j, text.length);
  if (text.charCodeAt(j) === 0x2e) {
    j++;
    if (!isDigit(text.charCodeAt(j))) return ~Math.min(j, text.length);
    while (isDigit(text.charCodeAt(j))) j++;
  }
  if ((text.charCodeAt(j) | 0x20) === 0x65) {
    j++;
    if (text.charCodeAt(j) === 0x2b || text.charCodeAt(j) === 0x2d) j++;
    if (!isDigit(text.charCodeAt(j))) return ~Math.min(j, text.length);
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

function scanLiteral(text: string, start: number): number {
  const literal = text[start] === 't' ? 'true' : text[start] === 'f' ? 'false' : text[start] === 'n' ? 'null' : '';
  if (literal === '') return ~start;
  for (let k = 1; k < literal.length; k++) {
    if (start + k >= text.length) return ~text.length;
    if (text[start + k] !== literal[k]) return ~(start + k);
  }
  return start + literal.length;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
