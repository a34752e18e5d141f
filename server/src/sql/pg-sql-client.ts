import { type SqlClient, tableFromColumns, UserError, valuesToVector } from '@causeway/sdk';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { exactNumeric } from './exact-numeric';
import { writeTable } from './pg-write-table';
import { type ConnectionDetails, connectionDetails, scrubbedMessage } from './scrub-connection';
import { pgWriteSession } from './write-session';

const batchRows = 10_000;

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
      const onAbort = () => void client.end().catch(() => undefined);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await client.connect();
        const cursor = client.query(new Cursor(text, [...params], { rowMode: 'array' }));
        let columns: unknown[][] | undefined;
        let names: string[] = [];
        let rows = 0;
        while (rows < options.rowCap) {
          const { batch, fields } = await readBatch(cursor, Math.min(batchRows, options.rowCap - rows));
          if (!columns && fields.length > 0) {
            names = fields;
            columns = names.map(() => []);
          }
          if (batch.length === 0 || !columns) break;
          for (let c = 0; c < names.length; c++) {
            const column = columns[c] as unknown[];
            for (const row of batch) column.push(row[c]);
          }
          rows += batch.length;
        }
        await cursor.close();
        const vectors = names.map((name, c) => valuesToVector((columns as unknown[][])[c] as unknown[], name));
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
