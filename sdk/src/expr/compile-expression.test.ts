import { describe, expect, it } from 'vitest';
import type { TableSchema } from '../ports';
import { compileExpression, compileScalarExpression } from './compile-expression';

const schema: TableSchema = {
  columns: [
    { name: 'age', type: 'integer', nullable: false },
    { name: 'income', type: 'number', nullable: true },
    { name: 'country', type: 'category', nullable: false },
    { name: 'name', type: 'string', nullable: true },
    { name: 'active', type: 'boolean', nullable: false },
    { name: 'signup', type: 'date', nullable: false },
    { name: 'monthly charges', type: 'number', nullable: false },
  ],
};

const typeOf = (text: string) => {
  const r = compileExpression(text, schema);
  if (!r.ok) throw new Error(r.issues[0]?.message);
  return `${r.value.type}${r.value.nullable ? '?' : ''}`;
};
const error = (text: string) => {
  const r = compileExpression(text, schema);
  if (r.ok) throw new Error(`expected an error for ${text}`);
  expect(r.issues.every((i) => i.code === 'EXPRESSION_INVALID')).toBe(true);
  return r.issues.map((i) => i.message).join(' | ');
};

describe('compileExpression: types', () => {
  it('keeps integer arithmetic integer where exact, and / gives number', () => {
    expect(typeOf('age + 1')).toBe('integer');
    expect(typeOf('age * age - 3 % 2')).toBe('integer');
    expect(typeOf('-age')).toBe('integer');
    expect(typeOf('age / 2')).toBe('number');
    expect(typeOf('age / 0')).toBe('number?');
    expect(typeOf('age / age')).toBe('number?');
    expect(typeOf('age + 1.0')).toBe('number');
    expect(typeOf('income * 2')).toBe('number?');
    expect(typeOf('`monthly charges` * 12')).toBe('number');
  });

  it('types comparisons, logic and membership as boolean with nullability from inputs', () => {
    expect(typeOf('age > 30 and country == "NL"')).toBe('boolean');
    expect(typeOf('income > 1000')).toBe('boolean?');
    expect(typeOf('income is null')).toBe('boolean');
    expect(typeOf('age in (1, 2.5)')).toBe('boolean');
    expect(typeOf('country not in ("NL", name)')).toBe('boolean?');
    expect(typeOf('age between 18 and 65')).toBe('boolean');
    expect(typeOf('signup >= "2024-01-01"')).toBe('boolean');
    expect(typeOf('name < country')).toBe('boolean?');
    expect(typeOf('active = true')).toBe('boolean');
  });

  it('types functions, if and case', () => {
    expect(typeOf('round(income, 2)')).toBe('number?');
    expect(typeOf('round(age)')).toBe('integer');
    expect(typeOf('sqrt(age)')).toBe('number?');
    expect(typeOf('max(age, 3)')).toBe('integer');
    expect(typeOf('min(age, income)')).toBe('number');
    expect(typeOf('coalesce(income, 0)')).toBe('number');
    expect(typeOf('lower(country)')).toBe('string');
    expect(typeOf('length(name)')).toBe('integer?');
    expect(typeOf('concat(name, "-", age)')).toBe('string?');
    expect(typeOf('year(signup)')).toBe('integer');
    expect(typeOf('date_diff_days(signup, "2020-01-01")')).toBe('number');
    expect(typeOf('to_number(name)')).toBe('number?');
    expect(typeOf('to_number(age)')).toBe('number');
    expect(typeOf('to_string(active)')).toBe('string');
    expect(typeOf('if(active, country, name)')).toBe('string?');
    expect(typeOf('if(active, 1, 2.5)')).toBe('number');
    expect(typeOf('case when age > 60 then "old" else "young" end')).toBe('string');
    expect(typeOf('case when age > 60 then 1 end')).toBe('integer?');
    expect(typeOf('country')).toBe('category');
    expect(typeOf('null')).toBe('number?');
  });

  it('lists the columns an expression reads, once each', () => {
    const r = compileExpression('age > 1 and age < income or country = "NL"', schema);
    expect(r.ok && r.value.columns).toEqual(['age', 'income', 'country']);
  });
});

describe('compileExpression: errors', () => {
  it('suggests the closest column for an unknown one', () => {
    expect(error('agee > 30')).toBe("unknown column 'agee' at column 1 — did you mean 'age'?");
    expect(error('age > 30 and Country == "NL"')).toBe("unknown column 'Country' at column 14 — did you mean 'country'?");
    expect(error('`monthly charge` > 1')).toBe("unknown column 'monthly charge' at column 1 — did you mean 'monthly charges'?");
    expect(error('zzzzzz > 1')).toBe("unknown column 'zzzzzz' at column 1");
  });

  it('suggests the closest function and checks argument counts', () => {
    expect(error('rond(age)')).toBe("unknown function 'rond' at column 1 — did you mean 'round'?");
    expect(error('constructor(age)')).toBe("unknown function 'constructor' at column 1");
    expect(error('round(age, 1, 2)')).toBe('round takes 1 to 2 arguments, got 3 at column 1 — round(x[, digits])');
    expect(error('abs()')).toBe('abs takes 1 argument, got 0 at column 1 — abs(x)');
    expect(error('coalesce()')).toBe('coalesce takes at least 1 arguments, got 0 at column 1 — coalesce(a, b, …)');
  });

  it('reports type errors at the offending node', () => {
    expect(error('age + name')).toBe('cannot apply "+" to integer and string at column 1 (use concat(a, b) to join strings)');
    expect(error('signup - signup')).toBe('cannot apply "-" to date and date at column 1 (use date_diff_days(end, start))');
    expect(error('age > "30"')).toBe('cannot compare integer with string at column 1');
    expect(error('age and active')).toBe('"and" needs booleans, not integer at column 1');
    expect(error('not age')).toBe('"not" needs a boolean, not integer at column 1');
    expect(error('-name')).toBe('cannot negate string at column 1');
    expect(error('age in (1, "a")')).toBe('cannot compare integer with string at column 12');
    expect(error('age between 1 and "z"')).toBe('cannot compare integer with string at column 19');
    expect(error('signup > "yesterday"')).toBe("'yesterday' is not a date (write 'YYYY-MM-DD') at column 10");
    expect(error('round(age, 1.5)')).toBe('round: argument 2 must be an integer, not number at column 1 — round(x[, digits])');
    expect(error('lower(age)')).toBe('lower: argument 1 must be a string, not integer at column 1 — lower(s)');
    expect(error('if(age, 1, 2)')).toBe('if: argument 1 must be a boolean at column 1 — if(condition, then, else)');
    expect(error('if(active, 1, "a")')).toBe('if: cannot mix integer and string at column 1 — if(condition, then, else)');
    expect(error('case when age then 1 end')).toBe('"when" needs a boolean, not integer at column 11');
    expect(error('case when active then 1 else "a" end')).toBe('case branches mix integer and string at column 30');
  });

  it('reports several independent problems at once', () => {
    expect(error('agee > 1 and nme = "x"')).toBe(
      "unknown column 'agee' at column 1 — did you mean 'age'? | unknown column 'nme' at column 14 — did you mean 'name'?",
    );
  });

  it('passes syntax errors through with their position', () => {
    expect(error('age > 30 and (country == "NL"))')).toBe('unexpected ")" at column 31');
  });
});

describe('compileScalarExpression', () => {
  it('treats dotted names as plain value names', () => {
    const r = compileScalarExpression('auc >= 0.85 and auc >= baseline.auc - 0.01', { auc: 'number', 'baseline.auc': 'number' });
    expect(r.ok && r.value.columns).toEqual(['auc', 'baseline.auc']);
    expect(r.ok && r.value.type).toBe('boolean');
  });

  it('suggests known value names', () => {
    const r = compileScalarExpression('baseline.acu > 1', { 'baseline.auc': 'number' });
    expect(!r.ok && r.issues[0]?.message).toBe("unknown value 'baseline.acu' at column 1 — did you mean 'baseline.auc'?");
  });
});

describe('compileExpression: the same text again', () => {
  it('gives what a first compile gives, for the scope it is compiled in', () => {
    const first = compileExpression('age + 1', schema);
    expect(compileExpression('age + 1', schema)).toEqual(first);
    const asNumber: TableSchema = { columns: [{ name: 'age', type: 'number', nullable: true }] };
    expect(compileExpression('age + 1', asNumber)).toMatchObject({ ok: true, value: { type: 'number', nullable: true } });
    const asText: TableSchema = { columns: [{ name: 'age', type: 'string', nullable: false }] };
    expect(compileExpression('age + 1', asText).ok).toBe(false);
    expect(compileScalarExpression('age + 1', { age: 'integer' })).toMatchObject({ ok: true, value: { nullable: true } });
    expect(compileExpression('age + 1', schema)).toMatchObject({ ok: true, value: { type: 'integer', nullable: false } });
  });
});
