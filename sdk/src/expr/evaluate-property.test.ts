import { Bool, Dictionary, Float64, Int32, Table, Utf8, type Vector, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableSchemaOf } from '../ports';
import type { TypedExpr } from './ast';
import { compileExpression } from './compile-expression';
import { evaluateExpression } from './evaluate-expression';
import { evaluatePredicate } from './evaluate-predicate';

type V = number | string | boolean | null;
type Row = Record<string, V>;

// ---- a naive row-by-row reference interpreter, written from the language description ----

const cmp = (op: string, a: V, b: V): V => {
  if (a === null || b === null) return null;
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  if (op === '=') return x === y;
  if (op === '!=') return x !== y;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
};
const and = (a: V, b: V): V => (a === false || b === false ? false : a === null || b === null ? null : true);
const or = (a: V, b: V): V => (a === true || b === true ? true : a === null || b === null ? null : false);
const neg = (a: V): V => (a === null ? null : !a);
const finite = (x: number): V => (Number.isFinite(x) ? x : null);
// Half away from zero on the shortest decimal form, in exact decimal arithmetic (BigInt), for every value.
const round = (x: number, d: number): number => {
  if (!Number.isFinite(x) || x === 0) return x;
  const [m = '', e = '0'] = String(Math.abs(x)).split('e');
  const [i = '', f = ''] = m.split('.');
  const scale = f.length - Number(e);
  if (scale <= d) return x;
  const unit = 10n ** BigInt(scale - d);
  return Math.sign(x) * Number(`${(BigInt(i + f) + unit / 2n) / unit}e${-d}`);
};
const text = (v: V): string => (typeof v === 'boolean' ? (v ? 'true' : 'false') : String(v));

function strict(args: V[], f: (...xs: never[]) => V): V {
  return args.includes(null) ? null : (f as (...xs: V[]) => V)(...args);
}

const functions: Record<string, (args: V[]) => V> = {
  abs: (a) => strict(a, Math.abs),
  floor: (a) => strict(a, Math.floor),
  ceil: (a) => strict(a, Math.ceil),
  round: (a) => strict(a, (x: number, d = 0) => finite(round(x, d))),
  sqrt: (a) => strict(a, (x: number) => finite(Math.sqrt(x))),
  ln: (a) => strict(a, (x: number) => finite(Math.log(x))),
  exp: (a) => strict(a, (x: number) => finite(Math.exp(x))),
  pow: (a) => strict(a, (x: number, y: number) => finite(x ** y)),
  min: (a) => (a.filter((x) => x !== null) as number[]).reduce<V>((m, x) => (m === null || x < (m as number) ? x : m), null),
  max: (a) => (a.filter((x) => x !== null) as number[]).reduce<V>((m, x) => (m === null || x > (m as number) ? x : m), null),
  coalesce: (a) => a.find((x) => x !== null) ?? null,
  lower: (a) => strict(a, (s: string) => s.toLowerCase()),
  upper: (a) => strict(a, (s: string) => s.toUpperCase()),
  trim: (a) => strict(a, (s: string) => s.trim()),
  length: (a) => strict(a, (s: string) => s.length),
  contains: (a) => strict(a, (s: string, p: string) => s.includes(p)),
  starts_with: (a) => strict(a, (s: string, p: string) => s.startsWith(p)),
  ends_with: (a) => strict(a, (s: string, p: string) => s.endsWith(p)),
  replace: (a) => strict(a, (s: string, f: string, t: string) => (f === '' ? s : s.split(f).join(t))),
  substring: (a) =>
    strict(a, (s: string, start: number, len?: number) => {
      const from = start - 1;
      const to = len === undefined ? s.length : from + Math.max(0, len);
      return s.slice(Math.max(0, from), Math.max(0, to));
    }),
  concat: (a) => strict(a, (...xs: V[]) => xs.map(text).join('')),
  to_string: (a) => strict(a, text),
  to_number: (a) =>
    strict(a, (x: V) => {
      if (typeof x !== 'string') return Number(x);
      // decimal notation only (no 0x10, 0b11, 0o17)
      return decimalNumeral.test(x.trim()) ? finite(Number(x.trim())) : null;
    }),
};

const decimalNumeral = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function ref(e: TypedExpr, row: Row): V {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'column':
      return row[e.name] ?? null;
    case 'negate': {
      const v = ref(e.operand, row);
      return v === null ? null : -(v as number);
    }
    case 'not':
      return neg(ref(e.operand, row));
    case 'logical':
      return (e.op === 'and' ? and : or)(ref(e.left, row), ref(e.right, row));
    case 'binary': {
      const a = ref(e.left, row);
      const b = ref(e.right, row);
      if (!['+', '-', '*', '/', '%'].includes(e.op)) return cmp(e.op, a, b);
      if (a === null || b === null) return null;
      const [x, y] = [a as number, b as number];
      if (e.op === '+') return x + y;
      if (e.op === '-') return x - y;
      if (e.op === '*') return x * y;
      if (y === 0) return null;
      return e.op === '/' ? x / y : x % y;
    }
    case 'in': {
      const v = ref(e.operand, row);
      const items = e.items.map((i) => ref(i, row));
      const r = v === null ? null : items.some((i) => i !== null && cmp('=', v, i) === true) ? true : items.includes(null) ? null : false;
      return e.negated ? neg(r) : r;
    }
    case 'between': {
      const v = ref(e.operand, row);
      const r = and(cmp('>=', v, ref(e.low, row)), cmp('<=', v, ref(e.high, row)));
      return e.negated ? neg(r) : r;
    }
    case 'is-null':
      return (ref(e.operand, row) === null) !== e.negated;
    case 'case': {
      for (const w of e.whens) if (ref(w.when, row) === true) return ref(w.then, row);
      return e.otherwise === null ? null : ref(e.otherwise, row);
    }
    case 'call': {
      if (e.name === 'if')
        return ref(e.args[0] as TypedExpr, row) === true ? ref(e.args[1] as TypedExpr, row) : ref(e.args[2] as TypedExpr, row);
      const args = e.args.map((a) => ref(a, row));
      return (functions[e.name] as (a: V[]) => V)(args);
    }
  }
}

// ---- random tables with nulls ----

const columns = {
  n1: { type: new Float64(), values: fc.option(fc.constantFrom(0, 1, -1, 0.5, -2.25, 3, 1e3), { freq: 4 }) },
  n2: { type: new Float64(), values: fc.double({ min: -100, max: 100, noNaN: true }) },
  i1: { type: new Int32(), values: fc.option(fc.integer({ min: -5, max: 5 }), { freq: 4 }) },
  s1: { type: new Utf8(), values: fc.option(fc.constantFrom('', 'a', 'ab', 'B', 'ba ', ' x', '12', 'é'), { freq: 4 }) },
  c1: { type: new Dictionary(new Utf8(), new Int32()), values: fc.option(fc.constantFrom('NL', 'DE', 'a', 'ab', ''), { freq: 4 }) },
  b1: { type: new Bool(), values: fc.option(fc.boolean(), { freq: 4 }) },
} as const;
type Name = keyof typeof columns;
const names = Object.keys(columns) as Name[];

const tableArb = fc
  .record({
    rows: fc.array(fc.record(Object.fromEntries(names.map((n) => [n, columns[n].values])) as Record<Name, fc.Arbitrary<V>>), {
      maxLength: 40,
    }),
    split: fc.option(fc.nat(40)),
  })
  .map(({ rows, split }) => {
    const vectors: Record<string, Vector> = {};
    for (const name of names) {
      const data = rows.map((r) => r[name] ?? null);
      const cut = split === null ? -1 : Math.min(split, data.length);
      // Sometimes two chunks (with separate dictionaries), to exercise chunked reads.
      vectors[name] =
        cut <= 0
          ? vectorFromArray(data, columns[name].type as never)
          : vectorFromArray(data.slice(0, cut), columns[name].type as never).concat(
              vectorFromArray(data.slice(cut), columns[name].type as never),
            );
    }
    return { table: new Table(vectors), rows };
  });

// ---- random well-typed expressions, as text ----

const strLit = fc.constantFrom("'a'", "'NL'", "''", '"B"', "'ab'");
const numLit = fc.constantFrom('0', '1', '2', '3', '0.5', '2.25', 'null');
const intExpr = fc.oneof(fc.constantFrom('i1', '1', '2', '0', '(-1)'), fc.constant('length(s1)'));

const exprArb = fc.letrec<{ num: string; bool: string; str: string }>((tie) => ({
  num: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('n1', 'n2', 'i1'),
    numLit,
    fc.tuple(tie('num'), fc.constantFrom('+', '-', '*', '/', '%'), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('num').map((a) => `(-${a})`),
    fc.tuple(fc.constantFrom('abs', 'floor', 'ceil', 'round', 'sqrt', 'ln', 'exp'), tie('num')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('num'), fc.constantFrom('0', '1', '2', '(-1)')).map(([a, d]) => `round(${a}, ${d})`),
    fc.tuple(fc.constantFrom('min', 'max', 'coalesce', 'pow'), tie('num'), tie('num')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(tie('bool'), tie('num'), tie('num')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
    fc
      .tuple(tie('bool'), tie('num'), fc.option(tie('num')))
      .map(([c, a, b]) => `case when ${c} then ${a}${b === null ? '' : ` else ${b}`} end`),
    tie('str').map((s) => `length(${s})`),
    tie('str').map((s) => `to_number(${s})`),
  ),
  bool: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('b1', 'true', 'false', 'null'),
    fc.tuple(tie('num'), fc.constantFrom('=', '!=', '<', '<=', '>', '>='), tie('num')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('str'), fc.constantFrom('==', '<>', '<', '>='), tie('str')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(fc.constantFrom('c1', 's1'), fc.constantFrom('==', '!=', '<', '>'), strLit).map(([a, op, b]) => `(${a} ${op} ${b})`),
    fc.tuple(tie('bool'), fc.constantFrom('and', 'or', '=', '!='), tie('bool')).map(([a, op, b]) => `(${a} ${op} ${b})`),
    tie('bool').map((a) => `(not ${a})`),
    fc
      .tuple(tie('num'), fc.boolean(), fc.array(numLit, { minLength: 1, maxLength: 3 }))
      .map(([a, n, l]) => `(${a} ${n ? 'not in' : 'in'} (${l.join(', ')}))`),
    fc
      .tuple(tie('str'), fc.boolean(), fc.array(strLit, { minLength: 1, maxLength: 3 }))
      .map(([a, n, l]) => `(${a} ${n ? 'not in' : 'in'} (${l.join(', ')}))`),
    fc.tuple(tie('num'), tie('num'), tie('num')).map(([a, b, c]) => `(${a} in (${b}, ${c}))`),
    fc
      .tuple(tie('num'), fc.boolean(), tie('num'), tie('num'))
      .map(([a, n, b, c]) => `(${a} ${n ? 'not between' : 'between'} ${b} and ${c})`),
    fc.tuple(fc.oneof(tie('num'), tie('str'), tie('bool')), fc.boolean()).map(([a, n]) => `(${a} is ${n ? 'not ' : ''}null)`),
    fc.tuple(fc.constantFrom('contains', 'starts_with', 'ends_with'), tie('str'), tie('str')).map(([f, a, b]) => `${f}(${a}, ${b})`),
    fc.tuple(tie('bool'), tie('bool'), tie('bool')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
  ),
  str: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('s1', 'c1', 'c1', 'c1'),
    strLit,
    fc.tuple(fc.constantFrom('lower', 'upper', 'trim'), tie('str')).map(([f, a]) => `${f}(${a})`),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `concat(${a}, ${b})`),
    tie('str').map((a) => `replace(${a}, 'a', 'xy')`),
    fc.tuple(tie('str'), intExpr, fc.option(intExpr)).map(([s, a, b]) => `substring(${s}, ${a}${b === null ? '' : `, ${b}`})`),
    fc.oneof(tie('num'), tie('bool')).map((a) => `to_string(${a})`),
    fc.tuple(tie('num'), tie('bool')).map(([a, b]) => `concat(${a}, '|', ${b})`),
    fc.tuple(tie('bool'), tie('str'), tie('str')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
    fc.tuple(tie('str'), tie('str')).map(([a, b]) => `coalesce(${a}, ${b})`),
  ),
}));

/** A larger table from a seed (beyond one evaluation block), possibly in two chunks. */
function bigTable(seed: number, n: number) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const maybe = <T>(x: T): T | null => (random() < 0.2 ? null : x);
  const rows: Row[] = Array.from({ length: n }, () => ({
    n1: maybe(pick([0, 1, -1, 0.5, -2.25, 3, 1e3])),
    n2: Math.round((random() - 0.5) * 2000) / 10,
    i1: maybe(Math.floor(random() * 11) - 5),
    s1: maybe(pick(['', 'a', 'ab', 'B', 'ba ', ' x', '12', 'é'])),
    c1: maybe(pick(['NL', 'DE', 'a', 'ab', ''])),
    b1: maybe(random() < 0.5),
  }));
  const cut = Math.floor(random() * n);
  const vectors: Record<string, Vector> = {};
  for (const name of names) {
    const data = rows.map((r) => r[name] ?? null);
    const type = columns[name].type as never;
    vectors[name] =
      seed % 2 ? vectorFromArray(data, type) : vectorFromArray(data.slice(0, cut), type).concat(vectorFromArray(data.slice(cut), type));
  }
  return { table: new Table(vectors), rows };
}

const same = (a: unknown, b: V) => a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));

describe('vectorized evaluation equals a row-by-row reference', () => {
  it('for random tables and random well-typed expressions', () => {
    const anyExpr = fc.oneof(exprArb.num, exprArb.bool, exprArb.str);
    fc.assert(
      fc.property(tableArb, anyExpr, ({ table, rows }, text) => {
        const compiled = compileExpression(text, tableSchemaOf(table));
        if (!compiled.ok) throw new Error(`${text}: ${compiled.issues[0]?.message}`);
        const vector = evaluateExpression(compiled.value, table);
        expect(vector.length).toBe(rows.length);
        const mask = compiled.value.type === 'boolean' ? evaluatePredicate(compiled.value, table) : null;
        rows.forEach((row, i) => {
          const expected = ref(compiled.value.ast, row);
          const raw: unknown = vector.get(i);
          const actual = typeof raw === 'bigint' ? Number(raw) : raw;
          if (!same(actual, expected))
            throw new Error(`${text} row ${i} ${JSON.stringify(row)}: got ${String(actual)}, want ${String(expected)}`);
          if (mask !== null) expect(mask[i]).toBe(expected === true ? 1 : 0);
        });
      }),
      { numRuns: Number(process.env.EXPR_RUNS ?? 400) },
    );
  }, 120_000);

  it('for tables longer than one evaluation block', () => {
    const anyExpr = fc.oneof(exprArb.num, exprArb.bool, exprArb.str);
    fc.assert(
      fc.property(fc.integer({ min: 1 }), anyExpr, (seed, text) => {
        const { table, rows } = bigTable(seed, 20_000);
        const compiled = compileExpression(text, tableSchemaOf(table));
        if (!compiled.ok) throw new Error(`${text}: ${compiled.issues[0]?.message}`);
        const vector = evaluateExpression(compiled.value, table);
        const mask = compiled.value.type === 'boolean' ? evaluatePredicate(compiled.value, table) : null;
        expect(vector.length).toBe(rows.length);
        rows.forEach((row, i) => {
          const expected = ref(compiled.value.ast, row);
          const raw: unknown = vector.get(i);
          const actual = typeof raw === 'bigint' ? Number(raw) : raw;
          if (!same(actual, expected)) throw new Error(`${text} row ${i}: got ${String(actual)}, want ${String(expected)}`);
          if (mask !== null && mask[i] !== (expected === true ? 1 : 0)) throw new Error(`${text} row ${i}: mask ${mask[i]}`);
        });
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
