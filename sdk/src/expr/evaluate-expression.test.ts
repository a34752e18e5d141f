import { Bool, DateDay, Dictionary, Float64, Int32, Int64, Table, TimestampSecond, Utf8, type Vector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors';
import { tableSchemaOf } from '../ports';
import { compileExpression, compileScalarExpression } from './compile-expression';
import { evaluateExpression } from './evaluate-expression';
import { evaluatePredicate } from './evaluate-predicate';
import { evaluateScalar } from './evaluate-scalar';

const day = 86_400_000;
const table = new Table({
  age: vectorFromArray([25, 40, null, 61], new Int32()),
  x: vectorFromArray([0.5, -1.5, 2, null], new Float64()),
  country: vectorFromArray(['NL', 'DE', null, 'NL'], new Dictionary(new Utf8(), new Int32())),
  name: vectorFromArray(['Ann', 'bob', ' Cy ', null], new Utf8()),
  ok: vectorFromArray([true, false, null, true], new Bool()),
  born: vectorFromArray([new Date(0), new Date(19_723 * day), new Date(19_724 * day), null], new DateDay()),
  big: vectorFromArray([1n, 2n, null, 2n ** 40n], new Int64()),
});
const schema = tableSchemaOf(table);

function run(text: string, on: Table = table): Vector {
  const r = compileExpression(text, tableSchemaOf(on));
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return evaluateExpression(r.value, on);
}
const values = (text: string, on: Table = table) => {
  const v = run(text, on);
  return Array.from({ length: v.length }, (_, i) => {
    const x: unknown = v.get(i);
    return typeof x === 'bigint' ? Number(x) : x;
  });
};
const keep = (text: string) => {
  const r = compileExpression(text, schema);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return Array.from(evaluatePredicate(r.value, table));
};

describe('evaluateExpression', () => {
  it('does arithmetic with null propagation, integers staying int32', () => {
    expect(values('age + 1')).toEqual([26, 41, null, 62]);
    expect(run('age + 1').type).toBeInstanceOf(Int32);
    expect(values('x * 2 + age')).toEqual([26, 37, null, null]);
    expect(run('x * 2').type).toBeInstanceOf(Float64);
    expect(values('-age % 7')).toEqual([-4, -5, null, -5]);
    expect(values('age / 2')).toEqual([12.5, 20, null, 30.5]);
    expect(values('2 - x')).toEqual([1.5, 3.5, 0, null]);
    expect(values('10 / x')).toEqual([20, -10 / 1.5, 5, null]);
  });

  it('gives null for division by zero and for results that are not finite numbers', () => {
    expect(values('age / 0')).toEqual([null, null, null, null]);
    expect(values('age / (age - 40)')).toEqual([25 / -15, null, null, 61 / 21]);
    expect(values('age % 0')).toEqual([null, null, null, null]);
    expect(values('sqrt(x)')).toEqual([Math.sqrt(0.5), null, Math.SQRT2, null]);
    expect(values('ln(x - 0.5)')).toEqual([null, null, Math.log(1.5), null]);
  });

  it('widens to int64 when an integer result leaves the int32 range, and reads int64 columns', () => {
    expect(values('big * 2')).toEqual([2, 4, null, 2 ** 41]);
    expect(run('big * 2').type).toBeInstanceOf(Int64);
    expect(values('age * 100000000')).toEqual([2_500_000_000, 4_000_000_000, null, 6_100_000_000]);
  });

  it('uses SQL three-valued logic', () => {
    expect(values('ok and age > 30')).toEqual([false, false, null, true]);
    expect(values('ok or age > 30')).toEqual([true, true, null, true]);
    expect(values('ok and null')).toEqual([null, false, null, null]);
    expect(values('ok or null')).toEqual([true, null, null, true]);
    expect(values('not ok')).toEqual([false, true, null, false]);
    expect(values('(age > 30) = ok')).toEqual([false, false, null, true]);
  });

  it('compares categories and strings, in and between, is null', () => {
    expect(values('country == "NL"')).toEqual([true, false, null, true]);
    expect(values('country > "E"')).toEqual([true, false, null, true]);
    expect(values('"NL" = country')).toEqual([true, false, null, true]);
    expect(values('country = name')).toEqual([false, false, null, null]);
    expect(values('country in ("DE", "FR")')).toEqual([false, true, null, false]);
    expect(values('country not in ("DE", null)')).toEqual([null, false, null, null]);
    expect(values('age in (25, age + 0)')).toEqual([true, true, null, true]);
    expect(values('age between 30 and 70')).toEqual([false, true, null, true]);
    expect(values('age not between 30 and 70')).toEqual([true, false, null, false]);
    expect(values('name is null')).toEqual([false, false, false, true]);
    expect(values('country is not null')).toEqual([true, true, false, true]);
  });

  it('returns a bare category column as the same dictionary vector', () => {
    const v = run('country');
    expect(v.data[0]).toBe(table.getChild('country')?.data[0]);
    expect(run('if(ok, country, "?")').type).toBeInstanceOf(Utf8);
  });

  it('evaluates if, case and coalesce row by row', () => {
    expect(values('if(ok, x, -1)')).toEqual([0.5, -1, -1, null]);
    expect(values('case when age > 50 then "old" when age > 30 then "mid" else "young" end')).toEqual(['young', 'mid', 'young', 'old']);
    expect(values('case when age > 50 then 1 end')).toEqual([null, null, null, 1]);
    expect(values('coalesce(x, age, 0)')).toEqual([0.5, -1.5, 2, 61]);
    expect(values('coalesce(name, country, "none")')).toEqual(['Ann', 'bob', ' Cy ', 'NL']);
  });

  it('evaluates math functions', () => {
    expect(values('abs(x)')).toEqual([0.5, 1.5, 2, null]);
    expect(values('round(x)')).toEqual([1, -2, 2, null]);
    expect(values('round(x * 1.234567, 2)')).toEqual([0.62, -1.85, 2.47, null]);
    expect(values('floor(x) + ceil(x)')).toEqual([1, -3, 4, null]);
    expect(values('round(age * 37, -2)')).toEqual([900, 1500, null, 2300]);
    // Half away from zero on the decimal value, as PostgreSQL's numeric (these are its answers).
    const halves: [string, number][] = [
      ['round(2.675, 2)', 2.68],
      ['round(1.005, 2)', 1.01],
      ['round(-1.005, 2)', -1.01],
      ['round(1.45, 1)', 1.5],
      ['round(0.285, 2)', 0.29],
      ['round(-2.5)', -3],
      ['round(1250, -2)', 1300],
      ['round(8.345, 2)', 8.35],
      ['round(-0.125, 2)', -0.13],
      ['round(0.0000001, 7)', 1e-7],
    ];
    for (const [text, expected] of halves) expect(values(text)[0], text).toBe(expected);
    expect(run('round(age * 37, -2)').type).toBeInstanceOf(Int32);
    expect(values('pow(age, 2)')).toEqual([625, 1600, null, 3721]);
    expect(values('max(x, age)')).toEqual([25, 40, 2, 61]);
    expect(values('min(x, age, 0)')).toEqual([0, -1.5, 0, 0]);
    expect(values('exp(0) + log10(100)')).toEqual([3, 3, 3, 3]);
  });

  it('evaluates string functions, on categories once per dictionary entry', () => {
    expect(values('lower(country)')).toEqual(['nl', 'de', null, 'nl']);
    expect(values('upper(name)')).toEqual(['ANN', 'BOB', ' CY ', null]);
    expect(values('trim(name)')).toEqual(['Ann', 'bob', 'Cy', null]);
    expect(values('length(country)')).toEqual([2, 2, null, 2]);
    expect(values('contains(name, "b")')).toEqual([false, true, false, null]);
    expect(values('starts_with(country, "N") and ends_with(country, "L")')).toEqual([true, false, null, true]);
    expect(values('replace(name, "n", "N")')).toEqual(['ANN', 'bob', ' Cy ', null]);
    expect(values('substring(name, 2, 2)')).toEqual(['nn', 'ob', 'Cy', null]);
    expect(values('substring(name, 0, 2)')).toEqual(['A', 'b', ' ', null]);
    expect(values("split_part('a,b,c', ',', 2)")[0]).toBe('b');
    expect(values("split_part('a,b,c', ',', -1)")[0]).toBe('c');
    expect(values("split_part('a,b,c', ',', 9)")[0]).toBe('');
    expect(values("split_part(name, '', 1)")).toEqual(values('name'));
    expect(values('concat(country, "-", age)')).toEqual(['NL-25', 'DE-40', null, 'NL-61']);
    expect(values('to_string(ok)')).toEqual(['true', 'false', null, 'true']);
    expect(values('to_number(concat(age, ".5"))')).toEqual([25.5, 40.5, null, 61.5]);
    expect(values('to_number(name)')).toEqual([null, null, null, null]);
    // Strict: decimal notation only, as the CSV reader and transform.cast read numbers.
    expect(values('to_number("0x10")')[0]).toBeNull();
    expect(values('to_number("0b11")')[0]).toBeNull();
    expect(values('to_number("0o17")')[0]).toBeNull();
    expect(values('to_number(" -1.5e2 ")')[0]).toBe(-150);
  });

  it('evaluates date functions and compares dates with date literals', () => {
    expect(values('year(born)')).toEqual([1970, 2024, 2024, null]);
    expect(values('month(born) * 100 + day(born)')).toEqual([101, 101, 102, null]);
    expect(values('weekday(born)')).toEqual([4, 1, 2, null]);
    expect(values('born >= "2024-01-02"')).toEqual([false, false, true, null]);
    expect(values('date_diff_days(born, "2024-01-01")')).toEqual([-19_723, 0, 1, null]);
    expect(values('to_string(born)')).toEqual(['1970-01-01', '2024-01-01', '2024-01-02', null]);
    const stamps = new Table({ t: vectorFromArray([new Date(day + 5 * 3_600_000), null], new TimestampSecond()) });
    expect(values('hour(t)', stamps)).toEqual([5, null]);
    expect(values('to_string(t)', stamps)).toEqual(['1970-01-02T05:00:00.000Z', null]);
    expect(values('if(true, t, t)', stamps)).toEqual([day + 5 * 3_600_000, null]);
  });

  it('folds constant expressions and broadcasts them', () => {
    expect(values('1 + 2 * 3')).toEqual([7, 7, 7, 7]);
    expect(values('null')).toEqual([null, null, null, null]);
    expect(values('lower("AB")')).toEqual(['ab', 'ab', 'ab', 'ab']);
  });

  it('reads chunked and sliced columns', () => {
    const a = vectorFromArray([1, 2, null], new Float64());
    const b = vectorFromArray([4, null, 6], new Float64());
    const chunked = new Table({ v: a.concat(b) });
    expect(values('v * 10', chunked)).toEqual([10, 20, null, 40, null, 60]);
    const sliced = table.slice(1, 3);
    expect(values('age + x', sliced)).toEqual([38.5, null]);
    expect(values('country', sliced)).toEqual(['DE', null]);
    const flags = vectorFromArray([true, null, false, true, false, true, true, false, true, false], new Bool()).slice(3, 9);
    expect(values('not f', new Table({ f: flags }))).toEqual([false, true, false, false, true, false]);
  });

  it('views only the rows of padded builder buffers', () => {
    const padded = new Table({ v: vectorFromArray([1, 2, 3], new Float64()) });
    expect(padded.getChild('v')?.data[0]?.values.length).toBeGreaterThan(3);
    expect(values('coalesce(v, v)', padded)).toEqual([1, 2, 3]);
    expect(values('coalesce(v, v)', new Table({ v: vectorFromArray([], new Float64()) }))).toEqual([]);
  });

  it('throws a UserError when the table does not match the compiled schema', () => {
    const r = compileExpression('age + 1', schema);
    if (!r.ok) throw new Error('compile');
    expect(() => evaluateExpression(r.value, new Table({ other: vectorFromArray([1]) }))).toThrow(UserError);
    const wrong = new Table({ age: vectorFromArray(['a'], new Utf8()) });
    expect(() => evaluateExpression(r.value, wrong)).toThrow("Column 'age' is string");
  });
});

describe('evaluatePredicate', () => {
  it('keeps true rows and drops false and null ones', () => {
    expect(keep('age > 30 and country == "NL"')).toEqual([0, 0, 0, 1]);
    expect(keep('ok')).toEqual([1, 0, 0, 1]);
    expect(keep('not ok')).toEqual([0, 1, 0, 0]);
    expect(keep('true')).toEqual([1, 1, 1, 1]);
    expect(keep('null')).toEqual([0, 0, 0, 0]);
  });

  it('does not write into the table it reads', () => {
    const before = Array.from(table.getChild('ok')?.data[0]?.values ?? []);
    keep('ok and ok');
    keep('not ok');
    expect(Array.from(table.getChild('ok')?.data[0]?.values ?? [])).toEqual(before);
  });

  it('refuses an expression that is not boolean', () => {
    const r = compileExpression('age + 1', schema);
    if (!r.ok) throw new Error('compile');
    expect(() => evaluatePredicate(r.value, table)).toThrow(/true\/false/);
  });
});

describe('evaluateScalar', () => {
  const gate = compileScalarExpression('auc >= 0.85 and auc >= baseline.auc - 0.01', { auc: 'number', 'baseline.auc': 'number' });
  if (!gate.ok) throw new Error('compile');

  it('evaluates gates over named values', () => {
    expect(evaluateScalar(gate.value, { auc: 0.9, 'baseline.auc': 0.905 })).toEqual({ ok: true, value: true });
    expect(evaluateScalar(gate.value, { auc: 0.9, 'baseline.auc': 0.95 })).toEqual({ ok: true, value: false });
    expect(evaluateScalar(gate.value, { auc: 0.8 })).toEqual({ ok: true, value: false });
    expect(evaluateScalar(gate.value, { auc: 0.9 })).toEqual({ ok: true, value: null });
  });

  it('reports values of the wrong type', () => {
    const r = evaluateScalar(gate.value, { auc: 'high' });
    expect(!r.ok && r.issues[0]?.message).toBe(`value 'auc' must be a number, got "high"`);
  });

  it('returns strings, numbers and dates', () => {
    const label = compileScalarExpression('concat(model.name, " v", to_string(version + 1))', {
      'model.name': 'string',
      version: 'integer',
    });
    expect(label.ok && evaluateScalar(label.value, { 'model.name': 'churn', version: 2 })).toEqual({ ok: true, value: 'churn v3' });
    const when = compileScalarExpression('date_diff_days(trained, "2024-01-01")', { trained: 'date' });
    expect(when.ok && evaluateScalar(when.value, { trained: '2024-01-11' })).toEqual({ ok: true, value: 10 });
  });
});
