import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests use (trust auth on this machine). */
export const testPostgresUrl = process.env.CAUSEWAY_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates a fresh database `causeway_test_<random>` and returns its URL and a way to drop it. */
export async function scratchPostgresDatabase(serverUrl = testPostgresUrl): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `causeway_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => {});
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      client.on('error', () => {});
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
