import { inferNode, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { postgresSink } from './postgres';

const schema = {
  columns: [
    { name: 'id', type: 'integer' as const, nullable: false },
    { name: 'score', type: 'number' as const, nullable: true },
  ],
};
const base = { connection: { $secret: 'warehouse' }, table: 'scores' };

describe('sink.postgres', () => {
  it('refuses upsert key columns the input lacks at validation, on the key field, with a suggestion', () => {
    const { issues } = inferNode(postgresSink, { inputs: { table: schema }, config: { ...base, mode: 'upsert', key: ['id', 'scor'] } });
    expect(issues).toEqual([{ code: 'SCHEMA_INVALID', path: ['config', 'key', 1], message: expect.stringContaining('"scor"') }]);
    expect(issues[0]?.message).toContain('"score"');
    expect(inferNode(postgresSink, { inputs: { table: schema }, config: { ...base, mode: 'upsert', key: ['id'] } }).issues).toEqual([]);
  });

  it('refuses an input that already has the run key column, on runKeyColumn', () => {
    const { issues } = inferNode(postgresSink, { inputs: { table: schema }, config: { ...base, runKeyColumn: 'score' } });
    expect(issues).toMatchObject([{ path: ['config', 'runKeyColumn'], message: expect.stringContaining('"score"') }]);
  });

  it('refuses upsert without a key, a connection string in the graph and unknown modes', async () => {
    const table = tableOf({ id: [1] });
    for (const config of [
      { ...base, mode: 'upsert' },
      { ...base, connection: 'postgres://user:secret@db/x' },
      { ...base, mode: 'merge', key: ['id'] },
    ]) {
      await expect(runNode(postgresSink, { inputs: { table }, config: config as never }), JSON.stringify(config)).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
      });
    }
  });

  it('fails clearly where the host has no database access, and is a server-only effect', async () => {
    const secrets = { get: async () => 'postgres://x' };
    await expect(runNode(postgresSink, { inputs: { table: tableOf({ id: [1] }) }, config: base, secrets })).rejects.toMatchObject({
      code: 'SQL_CLIENT_MISSING',
    });
    expect(postgresSink.effects).toBe(true);
    expect(postgresSink.runtime).toBe('server');
  });
});
