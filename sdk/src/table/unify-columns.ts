import { type Int, Type, type Vector } from 'apache-arrow';
import { UserError } from '../errors';
import { columnTypeOf } from '../ports/arrow-schema';
import { boolVector, dateVector, dictionaryVector, float64Vector, int32Vector, utf8Vector } from './build-vector';
import { readColumn } from './columns';
import { concatVectors, takeVector } from './take-vector';

/**
 * Stacks column pieces into one vector; a number stands for that many null rows (a missing column).
 * Pieces of one Arrow type keep it; otherwise types are unified: integers of ≤ 32 bits → Int32, numbers
 * and integers → Float64, dates → DateMillisecond, categories → one dictionary, strings with categories →
 * Utf8. Other mixes (say numbers with strings) are refused.
 *
 * @example
 * unifyColumns([int32Vector(a), float64Vector(b), 3], 'x') // Float64, a.length + b.length + 3 rows
 */
export function unifyColumns(pieces: readonly (Vector | number)[], name: string): Vector {
  const present = pieces.filter((p): p is Vector => typeof p !== 'number');
  const first = present[0];
  const total = pieces.reduce<number>((n, p) => n + (typeof p === 'number' ? p : p.length), 0);
  if (!first) return takeVector(utf8Vector([]), new Int32Array(total).fill(-1));
  if (present.every((p) => String(p.type) === String(first.type))) {
    return concatVectors(pieces.map((p) => (typeof p === 'number' ? takeVector(first, new Int32Array(p).fill(-1)) : p)));
  }
  const kinds = new Set(present.map((p) => columnTypeOf(p.type)));
  const only = (...allowed: string[]) => [...kinds].every((k) => allowed.includes(k));
  const valid = new Uint8Array(total);
  let at = 0;
  const each = (write: (piece: Vector, at: number) => void) => {
    at = 0;
    for (const piece of pieces) {
      if (typeof piece === 'number') {
        at += piece;
        continue;
      }
      const col = readColumn(piece);
      for (let i = 0; i < piece.length; i++) valid[at + i] = col.valid ? (col.valid[i] as number) : 1;
      write(piece, at);
      at += piece.length;
    }
  };
  if (only('number', 'integer') || only('date') || only('boolean')) {
    const values = new Float64Array(total);
    each((piece, from) => {
      const col = readColumn(piece);
      if (col.kind === 'number' || col.kind === 'boolean') values.set(col.values, from);
    });
    if (only('boolean')) return boolVector(Uint8Array.from(values), valid);
    if (only('date')) return dateVector(values, valid);
    const narrow = present.every(
      (p) =>
        p.type.typeId === Type.Int && (p.type as Int).bitWidth <= 32 && !((p.type as Int).bitWidth === 32 && !(p.type as Int).isSigned),
    );
    return narrow ? int32Vector(Int32Array.from(values), valid) : float64Vector(values, valid);
  }
  if (only('string', 'category')) {
    const strings: (string | null)[] = new Array(total).fill(null);
    each((piece, from) => {
      const col = readColumn(piece);
      for (let i = 0; i < piece.length; i++) {
        if (col.valid && !col.valid[i]) continue;
        strings[from + i] =
          col.kind === 'category' ? (col.dictionary[col.codes[i] as number] ?? '') : col.kind === 'string' ? col.get(i) : null;
      }
    });
    if (!only('category')) return utf8Vector(strings);
    const index = new Map<string, number>();
    const codes = Int32Array.from(strings, (s) => {
      if (s === null) return 0;
      let code = index.get(s);
      if (code === undefined) {
        code = index.size;
        index.set(s, code);
      }
      return code;
    });
    return dictionaryVector(codes, [...index.keys()], valid);
  }
  throw new UserError('SCHEMA_INVALID', `Column "${name}" mixes types that cannot be combined: ${[...kinds].join(', ')}.`, {
    details: { column: name, types: [...kinds] },
  });
}
