import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The little of a database connection that writing a table needs: queries with parameters, rows in
 * by COPY's text format, and identifier quoting. `pg` gives it on the server; tests give PGlite's too,
 * so the same writing code is checked on both.
 */
export interface WriteSession {
  query(text: string, params?: readonly unknown[]): Promise<{ rows: Array<Record<string, unknown>>; rowCount: number }>;
  /** Runs `<statement> <source>` (e.g. `copy t (a, b) from`) with the chunks as COPY text input. */
  copyIn(statement: string, chunks: Iterable<string>): Promise<void>;
  escapeIdentifier(name: string): string;
}

/** A WriteSession over a connected `pg` client; rows stream in through `COPY … FROM STDIN`. */
export function pgWriteSession(client: pg.Client): WriteSession {
  return {
    async query(text, params) {
      const result = await client.query(text, params === undefined ? undefined : [...params]);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async copyIn(statement, chunks) {
      await pipeline(Readable.from(chunks), client.query(copyFrom(`${statement} stdin`)));
    },
    escapeIdentifier: (name) => client.escapeIdentifier(name),
  };
}
