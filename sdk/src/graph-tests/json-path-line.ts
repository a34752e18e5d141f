import type { IssuePath } from '../errors/issue';

/**
 * The 1-based line where the value at `path` starts in a JSON text that is known to be valid (its
 * key's line inside an object), or of the deepest part of the path that exists; 1 for the root.
 * Lets an issue in a file point at a line, as an editor or a CI annotation wants.
 *
 * @example
 * jsonPathLine('{\n  "cases": [\n    {}\n  ]\n}', ['cases', 0]) // 3
 */
export function jsonPathLine(text: string, path: IssuePath): number {
  const scanner = { text, i: 0 };
  let line = lineAt(text, skipSpace(scanner));
  for (const part of path) {
    const found = typeof part === 'number' ? enterArray(scanner, part) : enterObject(scanner, part);
    if (found < 0) break;
    line = lineAt(text, found);
  }
  return line;
}

interface Scanner {
  text: string;
  i: number;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function skipSpace(s: Scanner): number {
  while (s.i < s.text.length && ' \t\r\n\uFEFF'.includes(s.text.charAt(s.i))) s.i++;
  return s.i;
}

// Moves past one value, from its first character.
function skipValue(s: Scanner): void {
  skipSpace(s);
  const c = s.text.charAt(s.i);
  if (c === '"') {
    skipString(s);
    return;
  }
  if (c !== '{' && c !== '[') {
    while (s.i < s.text.length && !',}] \t\r\n'.includes(s.text.charAt(s.i))) s.i++;
    return;
  }
  let depth = 0;
  while (s.i < s.text.length) {
    const d = s.text.charAt(s.i);
    if (d === '"') {
      skipString(s);
      continue;
    }
    if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') depth--;
    s.i++;
    if (depth === 0) return;
  }
}

function skipString(s: Scanner): string {
  const start = ++s.i;
  while (s.i < s.text.length && s.text.charAt(s.i) !== '"') s.i += s.text.charAt(s.i) === '\\' ? 2 : 1;
  const raw = s.text.slice(start, s.i);
  s.i++;
  return raw;
}

// Leaves the scanner at the value of `key` and returns where the key starts, or -1.
function enterObject(s: Scanner, key: string): number {
  skipSpace(s);
  if (s.text.charAt(s.i) !== '{') return -1;
  s.i++;
  for (;;) {
    const at = skipSpace(s);
    if (s.text.charAt(s.i) !== '"') return -1;
    const raw = skipString(s);
    skipSpace(s);
    s.i++; // the colon
    skipSpace(s);
    if (unescapeKey(raw) === key) return at;
    skipValue(s);
    skipSpace(s);
    if (s.text.charAt(s.i) !== ',') return -1;
    s.i++;
  }
}

function enterArray(s: Scanner, index: number): number {
  skipSpace(s);
  if (s.text.charAt(s.i) !== '[') return -1;
  s.i++;
  for (let n = 0; ; n++) {
    const at = skipSpace(s);
    if (s.text.charAt(s.i) === ']') return -1;
    if (n === index) return at;
    skipValue(s);
    skipSpace(s);
    if (s.text.charAt(s.i) !== ',') return -1;
    s.i++;
  }
}

function unescapeKey(raw: string): string {
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
