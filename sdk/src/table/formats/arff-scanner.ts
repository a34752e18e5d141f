/** Reading the values of one ARFF line: bare or quoted (single or double, with backslash escapes), `%` ending the line. */

const SPACE = 32;
const TAB = 9;
const PERCENT = 37;
const BACKSLASH = 92;
const DOUBLE = 34;
const OPEN = 123;
const SINGLE = 39;

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0' };

/**
 * A cursor over one line; `readValue` leaves the value in `value` and whether it was quoted in
 * `quoted` (a quoted `?` is text, not a missing value). Methods answer an error message or undefined.
 *
 * @example
 * const s = new ArffScanner();
 * s.reset("'a b', 2");
 * s.readValue(44, -1); // undefined; s.value === 'a b', s.quoted === true
 */
export class ArffScanner {
  line = '';
  pos = 0;
  end = 0;
  value = '';
  quoted = false;

  reset(line: string): void {
    this.line = line;
    this.pos = 0;
    this.end = line.length;
  }

  skipBlanks(): void {
    const { line, end } = this;
    let i = this.pos;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c !== SPACE && c !== TAB) break;
      i++;
    }
    this.pos = i;
  }

  /** Whether only blanks or a comment are left. */
  atEnd(): boolean {
    this.skipBlanks();
    return this.pos >= this.end || this.line.charCodeAt(this.pos) === PERCENT;
  }

  /** The next character code after blanks, or -1 at the end of the line or a comment. */
  peek(): number {
    return this.atEnd() ? -1 : this.line.charCodeAt(this.pos);
  }

  /** A bare word ending at a blank or `stop` (a keyword, a type, a bare name), or '' at the end. */
  readWord(stop = -1): string {
    this.skipBlanks();
    const { line, end } = this;
    const start = this.pos;
    let i = start;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c === SPACE || c === TAB || c === PERCENT || c === stop) break;
      i++;
    }
    this.pos = i;
    return line.slice(start, i);
  }

  /** A name: quoted, or a bare word. */
  readName(): string | undefined {
    this.skipBlanks();
    const c = this.line.charCodeAt(this.pos);
    if (c === DOUBLE || c === SINGLE) return this.readQuoted(c);
    // A nominal list may follow a bare name without a blank: `@attribute class{a,b}`.
    this.value = this.readWord(OPEN);
    this.quoted = false;
    return undefined;
  }

  /** A value ending before `stop` or `stop2` (character codes; -1 for none), blanks around it dropped. */
  readValue(stop: number, stop2: number): string | undefined {
    this.skipBlanks();
    const { line, end } = this;
    const first = line.charCodeAt(this.pos);
    if (first === DOUBLE || first === SINGLE) return this.readQuoted(first);
    const start = this.pos;
    let i = start;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c === stop || c === stop2 || c === PERCENT) break;
      i++;
    }
    this.pos = i;
    let last = i;
    while (last > start) {
      const c = line.charCodeAt(last - 1);
      if (c !== SPACE && c !== TAB) break;
      last--;
    }
    if (last === start) return 'a value is empty (write ? for a missing one)';
    this.value = line.slice(start, last);
    this.quoted = false;
    return undefined;
  }

  private readQuoted(quote: number): string | undefined {
    const { line, end } = this;
    const start = this.pos + 1;
    let i = start;
    let plain = true;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c === quote) break;
      if (c === BACKSLASH) {
        plain = false;
        i++;
      }
      i++;
    }
    if (i >= end) return `a quoted value starting at column ${start} is not closed`;
    this.value = plain ? line.slice(start, i) : unescapeQuoted(line.slice(start, i));
    this.quoted = true;
    this.pos = i + 1;
    return undefined;
  }
}

function unescapeQuoted(text: string): string {
  return text.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, e: string) =>
    e.length === 5 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (escapes[e] ?? e),
  );
}
