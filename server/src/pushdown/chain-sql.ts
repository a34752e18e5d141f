import { columnText, stringText } from '@causeway/nodes';
import { type ColumnSchema, type ColumnType, compileExpression } from '@causeway/sdk';
import { type RawBuilder, sql } from 'kysely';
import { columnSql, expressionSql, outputSql } from './expression-sql';

type Sql = RawBuilder<unknown>;

/** One node of a chain after `source.postgres`, as the graph holds it. */
export interface ChainStep {
  id: string;
  type: string;
  config: Record<string, unknown>;
}

/** The chain compiled as far as it goes: `pushed` steps are in `query`; `reason` says why the next one is not. */
export interface ChainPlan {
  query: Sql;
  columns: QueryColumn[];
  pushed: number;
  reason?: string;
}

/** The node types a chain may contain; others end it before any SQL is tried. */
export const pushableTypes = new Set([
  'transform.select',
  'transform.filter',
  'transform.derive',
  'transform.date-parts',
  'transform.strings',
  'transform.sort',
  'transform.aggregate',
]);

class Stop extends Error {}
function stop(reason: string): never {
  throw new Stop(reason);
}

const isText = (t: ColumnType) => t === 'string' || t === 'category';
/** A column of the query; `opaque` ones (types read differently in memory) pass through but no expression reads them. */
export type QueryColumn = ColumnSchema & { opaque?: boolean };
const schemaOf = (columns: readonly QueryColumn[]) => ({ columns: columns.filter((c) => c.opaque !== true) });

interface State {
  from: Sql;
  columns: QueryColumn[];
  /** A sort was pushed: its order holds only at the outermost query, so nothing may wrap it. */
  ordered: boolean;
}

const alias = (depth: number) => sql.id(`t${depth}`);

/** `select <items> from (<from>) as t<n>` */
function wrap(state: State, depth: number, items: Sql[], tail: Sql = sql``): Sql {
  return sql`select ${sql.join(items)} from (${state.from}) as ${alias(depth)} ${tail}`;
}

function filterStep(state: State, config: Record<string, unknown>, depth: number): State {
  const compiled = compileExpression(String(config.where ?? ''), schemaOf(state.columns));
  if (!compiled.ok) return stop('its expression does not check against the query’s columns');
  const where = expressionSql(compiled.value.ast, (name, type) => columnSql(sql.id(`t${depth}`, name), type));
  if (!where.ok) return stop(where.reason);
  const items = state.columns.map((c) => sql.id(`t${depth}`, c.name));
  return { ...state, from: wrap(state, depth, items, sql`where ${where.sql}`) };
}

function deriveStep(state: State, config: Record<string, unknown>, depth: number): State {
  const columns = (config.columns ?? []) as { name: string; expression: string }[];
  let current = state;
  // One level per column: each may read the ones derived before it.
  for (const [k, column] of columns.entries()) {
    const level = depth * 1000 + k;
    const compiled = compileExpression(column.expression, schemaOf(current.columns));
    if (!compiled.ok) stop(`the expression of ${column.name} does not check against the query’s columns`);
    const value = expressionSql(compiled.value.ast, (name, type) => columnSql(sql.id(`t${level}`, name), type));
    if (!value.ok) stop(value.reason);
    const made: ColumnSchema = { name: column.name, type: compiled.value.type, nullable: compiled.value.nullable };
    const output = sql`${outputSql(value.sql, compiled.value.type)} as ${sql.id(column.name)}`;
    const at = current.columns.findIndex((c) => c.name === column.name);
    const items = current.columns.map((c, i) => (i === at ? output : sql.id(`t${level}`, c.name)));
    const next: QueryColumn[] = at >= 0 ? current.columns.map((c, i) => (i === at ? made : c)) : [...current.columns, made];
    if (at < 0) items.push(output);
    current = { ...current, from: wrap(current, level, items), columns: next };
  }
  return current;
}

/** date-parts as the derive it is in memory: `part(column)` per part, all read from the input column. */
function datePartsStep(state: State, config: Record<string, unknown>, depth: number): State {
  const column = String(config.column ?? '');
  const prefix = typeof config.prefix === 'string' ? config.prefix : `${column}_`;
  const parts = (config.parts ?? []) as string[];
  const columns = parts.map((part) => ({ name: `${prefix}${part}`, expression: `${part}(${columnText(column)})` }));
  // In memory every part reads the input column; one derived in turn must not replace it first.
  if (columns.some((c) => c.name === column)) stop(`a part is written over ${column}`);
  return deriveStep(state, { columns }, depth);
}

type StringOp = { fn: string; column: string; as?: string; part?: string | number; from?: string; to?: string; separator?: string };

/** strings as the derive it is in memory: each op an expression over the outputs before it. */
function stringsStep(state: State, config: Record<string, unknown>, depth: number): State {
  const ops = (config.ops ?? []) as StringOp[];
  const columns = ops.map((o) => {
    const c = columnText(o.column);
    const name = o.as ?? (o.fn === 'contains' || o.fn === 'length' ? `${o.column}_${o.fn}` : o.column);
    const column = state.columns.find((k) => k.name === o.column);
    if (column !== undefined && column.type !== 'string' && column.type !== 'category') stop(`${o.fn} needs a text column`);
    if (o.fn === 'contains') return { name, expression: `contains(${c}, ${stringText(String(o.part))})` };
    if (o.fn === 'replace') return { name, expression: `replace(${c}, ${stringText(String(o.from))}, ${stringText(String(o.to))})` };
    if (o.fn === 'split') return { name, expression: `split_part(${c}, ${stringText(String(o.separator))}, ${Number(o.part)})` };
    return { name, expression: `${o.fn}(${c})` };
  });
  return deriveStep(state, { columns }, depth);
}

function selectStep(state: State, config: Record<string, unknown>, depth: number): State {
  const choices = (config.columns ?? []) as { name: string; as?: string }[];
  const byName = new Map(state.columns.map((c) => [c.name, c]));
  const columns: QueryColumn[] = [];
  const items = choices.map((choice) => {
    const column = byName.get(choice.name) ?? stop(`it names the unknown column ${choice.name}`);
    columns.push({ ...column, name: choice.as ?? choice.name });
    return sql`${sql.id(`t${depth}`, choice.name)} as ${sql.id(choice.as ?? choice.name)}`;
  });
  return { ...state, from: wrap(state, depth, items), columns };
}

function sortStep(state: State, config: Record<string, unknown>, depth: number): State {
  const keys = (config.keys ?? []) as { column: string; descending?: boolean; nullsFirst?: boolean }[];
  const byName = new Map(state.columns.map((c) => [c.name, c]));
  const order = keys.map((key) => {
    const column = byName.get(key.column) ?? stop(`it names the unknown column ${key.column}`);
    if (column.opaque) stop(`${key.column} is read differently in memory`);
    const ref = sql.id(`t${depth}`, key.column);
    const value = isText(column.type) ? sql`${ref} collate "C"` : ref;
    return sql`${value} ${sql.raw(key.descending ? 'desc' : 'asc')} ${sql.raw(key.nullsFirst ? 'nulls first' : 'nulls last')}`;
  });
  const items = state.columns.map((c) => sql.id(`t${depth}`, c.name));
  return { ...state, from: wrap(state, depth, items, sql`order by ${sql.join(order)}`), ordered: true };
}

type AggregateSpec = { op: string; column?: string; as?: string };

function aggregateStep(state: State, config: Record<string, unknown>, depth: number): State {
  const keys = (config.keys ?? []) as string[];
  const specs = (config.aggregates ?? []) as AggregateSpec[];
  const byName = new Map(state.columns.map((c) => [c.name, c]));
  const t = (name: string) => sql.id(`t${depth}`, name);
  const columns: QueryColumn[] = keys.map((key) => byName.get(key) ?? stop(`it names the unknown column ${key}`));
  const items: Sql[] = keys.map((key) => t(key));
  for (const spec of specs) {
    const name = spec.as ?? (spec.column === undefined ? spec.op : `${spec.op}_${spec.column}`);
    const input = spec.column === undefined ? undefined : (byName.get(spec.column) ?? stop(`it names the unknown column ${spec.column}`));
    if (input?.opaque && spec.op !== 'count') stop(`${input.name} is read differently in memory`);
    const ref = spec.column === undefined ? undefined : t(spec.column);
    let value: Sql;
    let made: ColumnSchema;
    if (spec.op === 'count' || spec.op === 'distinct_count') {
      const counted = ref === undefined ? sql`count(*)` : spec.op === 'count' ? sql`count(${ref})` : sql`count(distinct ${ref})`;
      value = sql`${counted}::float8`;
      made = { name, type: 'integer', nullable: false };
    } else if ((spec.op === 'min' || spec.op === 'max') && ref !== undefined && input !== undefined) {
      const arg = isText(input.type) ? sql`${ref} collate "C"` : ref;
      value = spec.op === 'min' ? sql`min(${arg})` : sql`max(${arg})`;
      made = { name, type: input.type, nullable: input.nullable };
    } else if (spec.op === 'sum' && ref !== undefined && input?.type === 'integer') {
      // Exact for integers, as the in-memory float64 sum is below 2^53; fractional sums depend on the order of additions.
      value = sql`sum((${ref})::numeric)::float8`;
      made = { name, type: 'number', nullable: input.nullable };
    } else return stop(`${spec.op}${input === undefined ? '' : ` of ${input.type}`} is computed in memory`);
    items.push(sql`${value} as ${sql.id(name)}`);
    columns.push(made);
  }
  const group = keys.length === 0 ? sql`` : sql`group by ${sql.join(keys.map((key) => t(key)))}`;
  return { ...state, from: wrap(state, depth, items, group), columns };
}

const steps: Record<string, (state: State, config: Record<string, unknown>, depth: number) => State> = {
  'transform.select': selectStep,
  'transform.filter': filterStep,
  'transform.derive': deriveStep,
  'transform.date-parts': datePartsStep,
  'transform.strings': stringsStep,
  'transform.sort': sortStep,
  'transform.aggregate': aggregateStep,
};

/**
 * Compiles `source` followed by `chain` into one query, as far as the chain can go: each node wraps
 * the query before it (`select … from (…) as tN`), which PostgreSQL's planner flattens. The chain
 * stops at the first node that cannot be pushed (an unknown type, an expression without an exact
 * SQL form, a node after a sort) with the reason.
 *
 * @example
 * const plan = planChain(sql`select * from sales`, columns, [{ id: 'f', type: 'transform.filter', config: { where: 'amount > 10' } }]);
 */
export function planChain(source: Sql, columns: readonly QueryColumn[], chain: readonly ChainStep[]): ChainPlan {
  let state: State = { from: source, columns: [...columns], ordered: false };
  for (let i = 0; i < chain.length; i++) {
    const step = chain[i] as ChainStep;
    const compile = steps[step.type];
    try {
      if (compile === undefined) stop(`${step.type} runs in memory`);
      if (state.ordered) stop('a sort was pushed before it; the rows’ order holds only in the outermost query');
      state = (compile as NonNullable<typeof compile>)(state, step.config, i + 1);
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      return { query: state.from, columns: state.columns, pushed: i, reason: error.message };
    }
  }
  return { query: state.from, columns: state.columns, pushed: chain.length };
}
