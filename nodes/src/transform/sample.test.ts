import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { sampleRows } from './sample';

const rows = tableOf({ id: Array.from({ length: 50 }, (_, i) => i), x: Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? null : i)) });

describe('transform.sample', () => {
  it('keeps n distinct rows in table order, or a fraction, the same for the same seed', async () => {
    const { outputs } = await runNode(sampleRows, { inputs: { table: rows }, config: { n: 10, seed: 1 } });
    const picked = rowsOf(outputs.table);
    const ids = picked.map((r) => r.id as number);
    expect(new Set(ids).size).toBe(10);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const r of picked) expect(r.x).toBe((r.id as number) % 3 === 0 ? null : r.id);
    const again = await runNode(sampleRows, { inputs: { table: rows }, config: { n: 10, seed: 1 } });
    expect(rowsOf(again.outputs.table)).toEqual(picked);
    const fraction = await runNode(sampleRows, { inputs: { table: rows }, config: { fraction: 0.2, seed: 1 } });
    expect(fraction.outputs.table.numRows).toBe(10);
    const all = await runNode(sampleRows, { inputs: { table: rows }, config: { n: 500, seed: 1 } });
    expect(all.outputs.table.numRows).toBe(50);
  });

  it('needs exactly one of n and fraction; infers the input schema', async () => {
    await expect(runNode(sampleRows, { inputs: { table: rows }, config: { seed: 1 } })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(runNode(sampleRows, { inputs: { table: rows }, config: { n: 1, fraction: 0.5, seed: 1 } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    const schema = { columns: [{ name: 'id', type: 'integer' as const, nullable: false }] };
    expect(inferNode(sampleRows, { inputs: { table: schema }, config: { n: 1, seed: 2 } }).outputs).toEqual({ table: schema });
  });
});
