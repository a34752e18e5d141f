import { runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { batchScore } from './batch-score';
import { registerModel } from './register-model';

const table = tableOf({ rooms: [3, 4] });

describe('deploy.batch-score', () => {
  it('fails clearly where the host has no model registry', async () => {
    const config = { model: 'house', destination: { kind: 'file' as const, name: 'scores.csv' } };
    await expect(runNode(batchScore, { inputs: { table }, config })).rejects.toMatchObject({ code: 'MODEL_REGISTRY_MISSING' });
  });

  it('refuses destinations it does not know, and a connection string written into the graph', async () => {
    for (const destination of [
      { kind: 'ftp', name: 'x' },
      { kind: 'file', format: 'xlsx', name: 'x.xlsx' },
      { kind: 'postgres', connection: 'postgres://user:secret@db/x', table: 'scores' },
      { kind: 'postgres', connection: { $secret: 'w' }, table: 'scores', mode: 'upsert' },
      { kind: 'postgres', connection: { $secret: 'w' }, table: 'scores', mode: 'merge', key: ['id'] },
    ]) {
      await expect(runNode(batchScore, { inputs: { table }, config: { model: 'house', destination } as never })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
      });
    }
  });

  it('gives the inspector a JSON Schema for both deploy nodes, and both are never cached', () => {
    for (const node of [batchScore, registerModel]) {
      const schema = z.toJSONSchema(node.config, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      expect(Object.keys(schema.properties ?? {}).length, node.type).toBeGreaterThan(1);
      expect(node.effects, node.type).toBe(true);
      expect(node.runtime, node.type).toBe('server');
    }
  });
});
