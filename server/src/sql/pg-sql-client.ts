import { defaultValuesOptions, type SqlClient, tableFromColumns, UserError, valuesToVector } from '@causeway/sdk';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { exactNumeric } from './exact-numeric';
import { writeTable } from './pg-write-table';
import { type ConnectionDetails, connectionDetails, scrubbedMessage } from './scrub-connection';
import { pgWriteSession } from './write-session';

const batchRows = 10_000;
const textOptions = { ...defaultValuesOptions, dates: false };

// Values kept as the text PostgreSQL sends, so dates do not shift with the server's time zone and
// big integers and decimals are not rounded silently before inference.
const int8 = 20;
const numeric = 1700;
const date = 1082;
const timestamp = 1114;

function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === int8) return (value) => BigInt(value);
  if (oid === numeric) return exactNumeric;
  if (oid === date || oid === timestamp) return (value) => value;
  return pg.types.getTypeParser(oid, format as 'text');
}

/** One batch and the result's column names (the callback form of read is the one that reports them). */
function readBatch(cursor: Cursor, count: number): Promise<{ batch: unknown[][]; fields: string[] }> {
  return new Promise((resolve, reject) => {
    cursor.read(count, (error, rows, result) => {
      if (error) reject(error);
      else resolve({ batch: rows as unknown[][], fields: result?.fields?.map((f) => f.name) ?? [] });
    });
  });
}

// The driver's error is not kept as the cause: it may carry the connection's details.
function sqlFailed(what: string, error: unknown, details: ConnectionDetails): UserError {
  return new UserError('SQL_FAILED', `${what}: ${scrubbedMessage(error, details)}`);
}

/** The rows through a cursor, in batches, up to `rowCap`, gathered column by column. */
async function readCursor(
  client: pg.Client,
  text: string,
  params: readonly unknown[],
  rowCap: number,
): Promise<{ names: string[]; columns: unknown[][] }> {
  const cursor = client.query(new Cursor(text, [...params], { rowMode: 'array' }));
  let columns: unknown[][] = [];
  let names: string[] = [];
  let rows = 0;
  while (rows < rowCap) {
    const { batch, fields } = await readBatch(cursor, Math.min(batchRows, rowCap - rows));
    if (names.length === 0 && fields.length > 0) {
      names = fields;
      columns = names.map(() => []);
    }
    if (batch.length === 0 || names.length === 0) break;
    for (let c = 0; c < names.length; c++) {
      const column = columns[c] as unknown[];
      for (const row of batch) column.push(row[c]);
    }
    rows += batch.length;
  }
  await cursor.close();
  return { names, columns };
}

/** The whole result in one fetch: PostgreSQL may run it with parallel workers, which it never does for a cursor. */
async function readWhole(client: pg.Client, text: string, params: readonly unknown[]): Promise<{ names: string[]; columns: unknown[][] }> {
  const result = await client.query({ text, values: [...params], rowMode: 'array' });
  const names = result.fields.map((f) => f.name);
  const rows = result.rows as unknown[][];
  const columns = names.map((_, c) => {
    const column = new Array<unknown>(rows.length);
    for (let r = 0; r < rows.length; r++) column[r] = (rows[r] as unknown[])[c];
    return column;
  });
  return { names, columns };
}

/** Asks the server to cancel the query running on `client`'s connection (pg_cancel_backend), from a second connection. */
async function cancelBackend(connection: string, client: pg.Client): Promise<void> {
  const pid = (client as pg.Client & { processID?: number | null }).processID;
  if (typeof pid !== 'number') return;
  const canceller = new pg.Client({ connectionString: connection });
  canceller.on('error', () => {});
  try {
    await canceller.connect();
    await canceller.query('select pg_cancel_backend($1)', [pid]);
  } catch {
    // The query may have ended meanwhile; closing the connection below still stops reading.
  } finally {
    await canceller.end().catch(() => undefined);
  }
}

/**
 * The server's SqlClient over `pg`: one connection per query, parameters sent separately
 * (`$1, $2 …`), rows read through a cursor in batches and gathered column by column, stopping at
 * `rowCap`. Columns get the types the other readers give (see `valuesToVector`).
 *
 * @example
 * await runGraph(graph, { registry, sql: createPgSqlClient() });
 */
export function createPgSqlClient(): SqlClient {
  return {
    async query(connection, text, params, options) {
      options.signal?.throwIfAborted();
      const client = new pg.Client({ connectionString: connection, types: { getTypeParser: typeParser } as pg.CustomTypesConfig });
      // A connection lost mid-query fails the query (SQL_FAILED); the client's own 'error' event would otherwise end the thread.
      client.on('error', () => {});
      // Closing our end does not stop a query the server is still computing: cancel it there too.
      const onAbort = () => void cancelBackend(connection, client).finally(() => client.end().catch(() => undefined));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await client.connect();
        const { names, columns } = options.singleFetch
          ? await readWhole(client, text, params)
          : await readCursor(client, text, params, options.rowCap);
        const texts = new Set(options.textColumns ?? []);
        const vectors = names.map((name, c) =>
          valuesToVector(columns[c] as unknown[], name, texts.has(name) ? textOptions : defaultValuesOptions),
        );
        return tableFromColumns(names, vectors);
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (error instanceof UserError) throw error;
        throw sqlFailed('The query failed', error, connectionDetails(client, connection));
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        await client.end().catch(() => undefined);
      }
    },
    async write(connection, table, options) {
      options.signal?.throwIfAborted();
      const client = new pg.Client({ connectionString: connection });
      client.on('error', () => {});
      const onAbort = () => void client.end().catch(() => undefined);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await client.connect();
        return await writeTable(pgWriteSession(client), table, options);
      } catch (error) {
        if (options.signal?.aborted) throw options.signal.reason;
        if (error instanceof UserError) throw error;
        throw sqlFailed(`Writing to ${options.table} failed`, error, connectionDetails(client, connection));
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
        await client.end().catch(() => undefined);
      }
    },
  };
}
