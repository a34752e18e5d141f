import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { dedupeRows } from './dedupe';

const rows = tableOf({ email: ['a@x', 'b@x', 'a@x', null, null], n: [1, 2, 1, 3, 4] });

describe('transform.dedupe', () => {
  it('keeps the first row per key, nulls equal to each other, or per whole row', async () => {
    const byEmail = await runNode(dedupeRows, { inputs: { table: rows }, config: { columns: ['email'] } });
    expect(rowsOf(byEmail.outputs.table)).toEqual([
      { email: 'a@x', n: 1 },
      { email: 'b@x', n: 2 },
      { email: null, n: 3 },
    ]);
    const whole = await runNode(dedupeRows, { inputs: { table: rows }, config: {} });
    expect(rowsOf(whole.outputs.table).map((r) => r.n)).toEqual([1, 2, 3, 4]);
  });

  it('reports unknown columns with a suggestion', async () => {
    await expect(runNode(dedupeRows, { inputs: { table: rows }, config: { columns: ['mail'] } })).rejects.toMatchObject({
      code: 'SCHEMA_INVALID',
      issues: [{ path: ['config', 'columns', 0], message: 'Unknown column "mail"; did you mean "email"?' }],
    });
    const schema = { columns: [{ name: 'email', type: 'string' as const, nullable: true }] };
    expect(inferNode(dedupeRows, { inputs: { table: schema }, config: { columns: ['emial'] } }).issues[0]?.message).toBe(
      'Unknown column "emial"; did you mean "email"?',
    );
    expect(inferNode(dedupeRows, { inputs: { table: schema }, config: {} }).outputs).toEqual({ table: schema });
  });
});
