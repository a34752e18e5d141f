import type { ExprType, TypeInfo } from './ast';
import { isBoolean, isDate, isNumeric, isText, unifyTypes } from './types';

/** The type rule of one allow-listed function. `result` returns the result type or an error message. */
export interface FunctionSpec {
  signature: string;
  minArgs: number;
  maxArgs: number;
  /** Null in any argument gives null, so the function may be computed once per dictionary entry. */
  strict: boolean;
  result: (args: ExprType[]) => ExprType | string;
  nullable: (args: TypeInfo[]) => boolean;
}

const anyNullable = (args: TypeInfo[]) => args.some((a) => a.nullable);
const allNullable = (args: TypeInfo[]) => args.every((a) => a.nullable);
const always = () => true;

type Check = (t: ExprType) => boolean;
const isInteger: Check = (t) => t === 'integer' || t === 'null';
const kinds: [Check, string][] = [
  [isInteger, 'an integer'],
  [isNumeric, 'a number'],
  [isText, 'a string'],
  [isDate, 'a date'],
  [isBoolean, 'a boolean'],
];
const what = (check: Check) => kinds.find(([c]) => c === check)?.[1] ?? 'a value';

/** A rule that checks each argument's kind, then gives `out` (a type, or a function of the argument types). */
function rule(checks: Check[], out: ExprType | ((args: ExprType[]) => ExprType), rest?: Check) {
  return (args: ExprType[]): ExprType | string => {
    for (let i = 0; i < args.length; i++) {
      const check = checks[i] ?? rest;
      const arg = args[i] as ExprType;
      if (check !== undefined && !check(arg)) return `argument ${i + 1} must be ${what(check)}, not ${arg}`;
    }
    return typeof out === 'function' ? out(args) : out;
  };
}

const sameNumeric = (args: ExprType[]): ExprType => (args.every((t) => t === 'integer') ? 'integer' : 'number');
const spec = (
  signature: string,
  minArgs: number,
  maxArgs: number,
  result: FunctionSpec['result'],
  nullable: FunctionSpec['nullable'] = anyNullable,
  strict = true,
): FunctionSpec => ({ signature, minArgs, maxArgs, strict, result, nullable });

const unary = (signature: string, check: Check, out: ExprType | ((args: ExprType[]) => ExprType), nullable = anyNullable) =>
  spec(signature, 1, 1, rule([check], out), nullable);

function unifyAll(args: ExprType[]): ExprType | string {
  let type: ExprType = 'null';
  for (const arg of args) {
    const next = unifyTypes(type, arg);
    if (next === undefined) return `cannot mix ${type} and ${arg}`;
    type = next;
  }
  return type;
}

function minMax(args: ExprType[]): ExprType | string {
  if (args.every(isNumeric)) return sameNumeric(args);
  if (args.every(isDate)) return 'date';
  return 'arguments must all be numbers or all dates';
}

/** The allow-list of functions, by lower-case name. A Map, so names like `constructor` never reach a prototype. */
export const functionSpecs = new Map<string, FunctionSpec>([
  ['abs', unary('abs(x)', isNumeric, sameNumeric)],
  ['floor', unary('floor(x)', isNumeric, sameNumeric)],
  ['ceil', unary('ceil(x)', isNumeric, sameNumeric)],
  [
    'round',
    spec(
      'round(x[, digits])',
      1,
      2,
      rule([isNumeric, isInteger], (a) => sameNumeric(a.slice(0, 1))),
    ),
  ],
  ['sqrt', unary('sqrt(x)', isNumeric, 'number', always)],
  ['ln', unary('ln(x)', isNumeric, 'number', always)],
  ['log10', unary('log10(x)', isNumeric, 'number', always)],
  ['exp', unary('exp(x)', isNumeric, 'number', always)],
  ['pow', spec('pow(x, y)', 2, 2, rule([isNumeric, isNumeric], 'number'), always)],
  ['min', spec('min(a, b, …)', 1, 64, minMax, allNullable, false)],
  ['max', spec('max(a, b, …)', 1, 64, minMax, allNullable, false)],
  ['coalesce', spec('coalesce(a, b, …)', 1, 64, unifyAll, allNullable, false)],
  ['lower', unary('lower(s)', isText, 'string')],
  ['upper', unary('upper(s)', isText, 'string')],
  ['trim', unary('trim(s)', isText, 'string')],
  ['length', unary('length(s)', isText, 'integer')],
  ['contains', spec('contains(s, part)', 2, 2, rule([isText, isText], 'boolean'))],
  ['starts_with', spec('starts_with(s, prefix)', 2, 2, rule([isText, isText], 'boolean'))],
  ['ends_with', spec('ends_with(s, suffix)', 2, 2, rule([isText, isText], 'boolean'))],
  ['replace', spec('replace(s, from, to)', 3, 3, rule([isText, isText, isText], 'string'))],
  ['substring', spec('substring(s, start[, length])', 2, 3, rule([isText, isInteger], 'string', isInteger))],
  ['split_part', spec('split_part(s, separator, n)', 3, 3, rule([isText, isText, isInteger], 'string'))],
  ['concat', spec('concat(a, b, …)', 1, 64, () => 'string')],
  ['year', unary('year(d)', isDate, 'integer')],
  ['month', unary('month(d)', isDate, 'integer')],
  ['day', unary('day(d)', isDate, 'integer')],
  ['weekday', unary('weekday(d)', isDate, 'integer')],
  ['hour', unary('hour(d)', isDate, 'integer')],
  ['date_diff_days', spec('date_diff_days(end, start)', 2, 2, rule([isDate, isDate], 'number'))],
  [
    'to_number',
    spec(
      'to_number(x)',
      1,
      1,
      () => 'number',
      (a) => a.some((x) => x.nullable || isText(x.type)),
    ),
  ],
  ['to_string', spec('to_string(x)', 1, 1, () => 'string')],
  [
    'if',
    spec(
      'if(condition, then, else)',
      3,
      3,
      (a) => (isBoolean(a[0] as ExprType) ? unifyAll(a.slice(1)) : 'argument 1 must be a boolean'),
      (a) => a.slice(1).some((x) => x.nullable),
      false,
    ),
  ],
]);
