import { postgresSource } from '@causeway/nodes';
import { memorySecrets, rowsOf, runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { createPgSqlClient } from './pg-sql-client';

const secrets = memorySecrets({ warehouse: 'postgres://postgres@127.0.0.1:5432/test' });
const sql = createPgSqlClient();

describe('source.postgres', () => {
  it('runs a parameterized query with the connection string from a secret', async () => {
    const { outputs, logs } = await runNode(postgresSource, {
      inputs: {},
      config: { connection: { $secret: 'warehouse' }, sql: 'select g as id, $1::text as tag from generate_series(1, 3) g', params: ['x'] },
      secrets,
      sql,
    });
    expect(rowsOf(outputs.table)).toEqual([
      { id: 1, tag: 'x' },
      { id: 2, tag: 'x' },
      { id: 3, tag: 'x' },
    ]);
    expect(logs).toEqual([]);
  });

  it('warns when the row cap cuts the result', async () => {
    const { outputs, logs } = await runNode(postgresSource, {
      inputs: {},
      config: { connection: { $secret: 'warehouse' }, sql: 'select g from generate_series(1, 100) g', rowCap: 10 },
      secrets,
      sql,
    });
    expect(outputs.table.numRows).toBe(10);
    expect(logs[0]?.message).toBe('The query reached the row cap of 10; further rows were not read.');
  });

  it('needs a secret reference, a known secret and a host with SQL', async () => {
    const base = { sql: 'select 1', connection: { $secret: 'warehouse' } };
    await expect(
      runNode(postgresSource, { inputs: {}, config: { ...base, connection: 'postgres://x' }, fromVersion: 1, secrets, sql }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(
      runNode(postgresSource, { inputs: {}, config: { ...base, connection: { $secret: 'nope' } }, secrets, sql }),
    ).rejects.toMatchObject({ code: 'SECRET_UNKNOWN' });
    await expect(runNode(postgresSource, { inputs: {}, config: base, secrets })).rejects.toMatchObject({ code: 'SQL_CLIENT_MISSING' });
    expect(postgresSource.runtime).toBe('server');
  });
});
