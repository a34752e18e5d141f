import type { PGlite } from '@electric-sql/pglite';
import type { WriteSession } from '../sql/write-session';

/** A WriteSession over PGlite, for tests: COPY reads the chunks as one blob from `/dev/blob`. */
export function pgliteWriteSession(db: PGlite): WriteSession {
  return {
    async query(text, params) {
      const result = await db.query<Record<string, unknown>>(text, params === undefined ? [] : [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async copyIn(statement, chunks) {
      await db.query(`${statement} '/dev/blob'`, [], { blob: new Blob([...chunks]) });
    },
    escapeIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
  };
}
