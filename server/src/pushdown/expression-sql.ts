import type { ExprType, TypedExpr } from '@causeway/sdk';
import { type RawBuilder, sql } from 'kysely';

/** SQL for one expression, or why it stays in memory. */
export type SqlResult = { ok: true; sql: RawBuilder<unknown> } | { ok: false; reason: string };

type Sql = RawBuilder<unknown>;

// The engine's `trim` removes what JavaScript calls white space; PostgreSQL's btrim only spaces unless told.
const jsWhitespace =
  ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
// Characters beyond the BMP are two UTF-16 code units in the engine's `length`, one character in PostgreSQL's.
const notAstral = '[^\\U00010000-\\U0010FFFF]';
const int32 = 2_147_483_647;

// Functions whose PostgreSQL counterpart is not bit-for-bit the engine's: they keep the node in memory.
const inMemoryOnly = new Map<string, string>([
  ['exp', 'exp may differ from PostgreSQL in the last bit'],
  ['ln', 'ln may differ from PostgreSQL in the last bit'],
  ['log10', 'log10 may differ from PostgreSQL in the last bit'],
  ['pow', 'pow may differ from PostgreSQL in the last bit'],
  ['lower', 'lower maps case beyond ASCII differently in PostgreSQL'],
  ['upper', 'upper maps case beyond ASCII differently in PostgreSQL'],
  ['substring', 'substring counts UTF-16 code units, PostgreSQL counts characters'],
  ['to_number', 'to_number reads text by the engine’s own number grammar'],
]);

class NotPushable extends Error {}
function refuse(reason: string): never {
  throw new NotPushable(reason);
}

/** A float8 kept within int4, for PostgreSQL functions taking int; null stays null (least/greatest would skip it). */
const asInt = (x: Sql): Sql =>
  sql`(case when ${x} < ${-int32}::float8 then ${-int32}::float8 when ${x} > ${int32}::float8 then ${int32}::float8 else ${x} end)::int`;

/** Epoch milliseconds as a UTC timestamp without time zone. */
const msToTimestamp = (ms: Sql): Sql => sql`(timestamp '1970-01-01' + ${ms} * interval '1 millisecond')`;

/** How `to_string` and `concat` write a value, or not pushable for fractional numbers (JavaScript's number format). */
function asText(node: TypedExpr, value: Sql): Sql {
  switch (node.type) {
    case 'string':
    case 'category':
    case 'null':
      return sql`(${value})::text`;
    case 'boolean':
      return sql`(case when ${value} then 'true' when not ${value} then 'false' end)`;
    case 'integer':
      return sql`(${value})::bigint::text`;
    case 'date':
      return sql`(case when (${value})::numeric % 86400000 = 0 then to_char(${msToTimestamp(value)}, 'YYYY-MM-DD') else to_char(${msToTimestamp(value)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') end)`;
    case 'number':
      return refuse('numbers with fractions are written by JavaScript’s number format');
  }
}

/**
 * Compiles a type-checked expression into PostgreSQL with the engine's semantics: numbers are float8
 * (as the kernels' float64), division and `%` by zero give null, functions outside their domain give
 * null rather than an error, text compares by code point (`COLLATE "C"`), and dates are epoch
 * milliseconds, as in memory. `column` gives the SQL of a column read as the expression type wants
 * it. Anything without an exact PostgreSQL twin answers `{ ok: false, reason }`.
 *
 * @example
 * const r = expressionSql(compiled.ast, (name, type) => columnSql(sql.ref(`t.${name}`), type));
 * if (r.ok) query.where(r.sql);
 */
export function expressionSql(root: TypedExpr, column: (name: string, type: ExprType) => Sql): SqlResult {
  try {
    return { ok: true, sql: visit(root, column) };
  } catch (error) {
    if (error instanceof NotPushable) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * A source column read as an expression value of `type`.
 *
 * @example
 * columnSql(sql.ref('t.signup'), 'date') // floor(extract(epoch from "t"."signup") * 1000)::float8
 */
export function columnSql(ref: Sql, type: ExprType): Sql {
  switch (type) {
    case 'number':
    case 'integer':
      return sql`(${ref})::float8`;
    case 'string':
    case 'category':
      return sql`(${ref})::text`;
    case 'boolean':
      return sql`(${ref})::boolean`;
    case 'date':
      return sql`floor(extract(epoch from ${ref}) * 1000)::float8`;
    case 'null':
      return sql`null`;
  }
}

/** The SQL value of an expression of type `date` (epoch ms) as a timestamp column, for outputs. */
export function outputSql(value: Sql, type: ExprType): Sql {
  return type === 'date' ? msToTimestamp(value) : value;
}

const isText = (t: ExprType) => t === 'string' || t === 'category';
// Text compares by code point, whatever the database's collation; a bare null takes no collation.
const collated = (node: TypedExpr, value: Sql): Sql => (isText(node.type) ? sql`${value} collate "C"` : value);

function literal(node: Extract<TypedExpr, { kind: 'literal' }>): Sql {
  const v = node.value;
  if (v === null) return sql`null`;
  if (typeof v === 'boolean') return sql`${v}::boolean`;
  if (typeof v === 'string') return sql`${v}::text`;
  // Dates were read into epoch ms by the checker; all numbers are float8 as in the kernels.
  return sql`${v}::float8`;
}

function visit(node: TypedExpr, column: (name: string, type: ExprType) => Sql): Sql {
  const v = (n: TypedExpr) => visit(n, column);
  switch (node.kind) {
    case 'literal':
      return literal(node);
    case 'column':
      return column(node.name, node.type);
    case 'negate':
      return sql`(- ${v(node.operand)})`;
    case 'not':
      return sql`(not ${v(node.operand)})`;
    case 'logical':
      return node.op === 'and' ? sql`(${v(node.left)} and ${v(node.right)})` : sql`(${v(node.left)} or ${v(node.right)})`;
    case 'binary': {
      const l = v(node.left);
      const r = v(node.right);
      switch (node.op) {
        case '+':
          return sql`(${l} + ${r})`;
        case '-':
          return sql`(${l} - ${r})`;
        case '*':
          return sql`(${l} * ${r})`;
        case '/':
          return sql`(${l} / nullif(${r}, 0))`;
        case '%':
          if (node.left.type === 'number' || node.right.type === 'number') return refuse('% of fractional numbers');
          return sql`((${l})::bigint % nullif((${r})::bigint, 0))::float8`;
        default:
          return comparison(node.op, node.left, node.right, l, r);
      }
    }
    case 'in': {
      const operand = v(node.operand);
      const items = sql.join(node.items.map((item) => collated(item, v(item))));
      const result = sql`(${collated(node.operand, operand)} in (${items}))`;
      return node.negated ? sql`(not ${result})` : result;
    }
    case 'between': {
      const operand = v(node.operand);
      const result = sql`(${comparison('>=', node.operand, node.low, operand, v(node.low))} and ${comparison('<=', node.operand, node.high, operand, v(node.high))})`;
      return node.negated ? sql`(not ${result})` : result;
    }
    case 'is-null':
      return node.negated ? sql`(${v(node.operand)} is not null)` : sql`(${v(node.operand)} is null)`;
    case 'case': {
      const whens = node.whens.map((w) => sql`when ${v(w.when)} then ${v(w.then)}`);
      const otherwise = node.otherwise === null ? sql`` : sql`else ${v(node.otherwise)}`;
      return sql`(case ${sql.join(whens, sql` `)} ${otherwise} end)`;
    }
    case 'call':
      return call(node, v);
  }
}

function comparison(op: string, left: TypedExpr, right: TypedExpr, l: Sql, r: Sql): Sql {
  const operator = sql.raw(op === '=' ? '=' : op === '!=' ? '<>' : op);
  return sql`(${collated(left, l)} ${operator} ${collated(right, r)})`;
}

function call(node: Extract<TypedExpr, { kind: 'call' }>, v: (n: TypedExpr) => Sql): Sql {
  const why = inMemoryOnly.get(node.name);
  if (why !== undefined) return refuse(why);
  const args = node.args.map(v);
  const a = args[0] as Sql;
  const b = args[1] as Sql;
  const c = args[2] as Sql;
  switch (node.name) {
    case 'abs':
      return sql`abs(${a})`;
    case 'floor':
      return sql`floor(${a})`;
    case 'ceil':
      return sql`ceil(${a})`;
    case 'round':
      // On the shortest decimal text of the double (what the engine rounds), half away from zero as numeric does.
      return args.length === 1 ? sql`round((${a})::text::numeric)::float8` : sql`round((${a})::text::numeric, ${asInt(b)})::float8`;
    case 'sqrt':
      return sql`(case when ${a} >= 0 then sqrt(${a}) end)`;
    case 'min':
      return sql`least(${sql.join(args)})`;
    case 'max':
      return sql`greatest(${sql.join(args)})`;
    case 'coalesce':
      return sql`coalesce(${sql.join(args)})`;
    case 'if':
      return sql`(case when ${a} then ${b} else ${c} end)`;
    case 'trim':
      return sql`btrim(${a}, ${jsWhitespace}::text)`;
    case 'length':
      return sql`(length(${a}) + length(regexp_replace(${a}, ${notAstral}::text, '', 'g')))::float8`;
    case 'contains':
      return sql`(strpos(${a}, ${b}) > 0)`;
    case 'starts_with':
      return sql`starts_with(${a}, ${b})`;
    case 'ends_with':
      return sql`(right(${a}, length(${b})) = ${b})`;
    case 'replace':
      return sql`replace(${a}, ${b}, ${c})`;
    case 'split_part':
      // PostgreSQL refuses part 0; the engine answers '' (null when the text or separator is).
      return sql`(case when ${c} = 0 then (case when ${a} is not null and ${b} is not null then '' end) else split_part(${a}, ${b}, ${asInt(c)}) end)`;
    case 'concat':
      return sql`(${sql.join(
        node.args.map((arg, i) => asText(arg, args[i] as Sql)),
        sql` || `,
      )})`;
    case 'to_string':
      return asText(node.args[0] as TypedExpr, a);
    case 'year':
      return sql`extract(year from ${msToTimestamp(a)})::float8`;
    case 'month':
      return sql`extract(month from ${msToTimestamp(a)})::float8`;
    case 'day':
      return sql`extract(day from ${msToTimestamp(a)})::float8`;
    case 'hour':
      return sql`extract(hour from ${msToTimestamp(a)})::float8`;
    case 'weekday':
      return sql`extract(isodow from ${msToTimestamp(a)})::float8`;
    case 'date_diff_days':
      return sql`((${a} - ${b}) / 86400000)`;
    default:
      return refuse(`${node.name} has no PostgreSQL form`);
  }
}
