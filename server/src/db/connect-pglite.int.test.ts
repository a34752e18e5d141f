import { sql } from 'kysely';
import { expect, test } from 'vitest';
import { connectDatabase } from './connect';

// Idle memory of `causeway serve` on PGlite is mostly its shared buffers: the setting reaches PostgreSQL.
test('PGlite opens with the shared_buffers it is given, and PostgreSQL’s default without', async () => {
  for (const [sharedBuffersMb, expected] of [
    [16, '16MB'],
    [undefined, '128MB'],
  ] as const) {
    const database = await connectDatabase({ kind: 'pglite', ...(sharedBuffersMb === undefined ? {} : { sharedBuffersMb }) });
    try {
      const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(database.db);
      expect(rows[0]?.shared_buffers).toBe(expected);
    } finally {
      await database.close();
    }
  }
});
