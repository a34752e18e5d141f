import type { SqlParameter } from '@causeway/sdk';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder, sql } from 'kysely';

// Parameters of the pushed parts come after the source query's own $1…$n.
class OffsetCompiler extends PostgresQueryCompiler {
  constructor(private readonly offset: number) {
    super();
  }
  protected override getCurrentParameterPlaceholder(): string {
    return `$${this.numParameters + this.offset}`;
  }
}

function compilerFor(offset: number): Kysely<unknown> {
  return new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new OffsetCompiler(offset),
    },
  });
}

/**
 * The source node's query as a relation to select from. Its text is the node's own SQL (the user's
 * query, with its `$n` parameters), kept as written; a trailing `;` is dropped so it can be nested.
 *
 * @example
 * sourceRelation('select * from sales where region = $1;') // (select * from sales where region = $1)
 */
export function sourceRelation(text: string): RawBuilder<unknown> {
  const body = text.replace(/[\s;]+$/, '');
  return sql`select * from (${sql.raw(`\n${body}\n`)}) as ${sql.id('source')}`;
}

/**
 * Compiles a pushed query to text and parameters: the source's parameters first, then those of the
 * pushed parts, numbered after them.
 *
 * @example
 * const { text, params } = compileQuery(plan.query, config.params);
 */
export function compileQuery(query: RawBuilder<unknown>, sourceParams: readonly SqlParameter[]): { text: string; params: SqlParameter[] } {
  const compiled = query.compile(compilerFor(sourceParams.length));
  return { text: compiled.sql, params: [...sourceParams, ...(compiled.parameters as SqlParameter[])] };
}
