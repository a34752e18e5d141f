import type { Table } from 'apache-arrow';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { NodeRunError, UserError } from '../errors/errors';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import { memoryFiles } from './memory-files';
import { memorySecrets } from './memory-secrets';
import { rowsOf } from './rows-of';
import { runNode } from './run-node';
import { tableOf } from './table-of';

const head = defineNode({
  type: 'test.head',
  version: 2,
  category: 'transform',
  title: 'Head',
  description: 'First rows and their count.',
  inputs: { table: port.table(), extra: port.table({ optional: true }) },
  outputs: { table: port.table(), count: port.value(z.number()) },
  config: z.object({ rows: z.number().int().min(0), label: z.string().optional() }),
  migrate: (old) => ({ rows: (old as { n: number }).n }),
  run: ({ inputs, config, ctx }) => {
    ctx.log('info', `taking ${config.rows}`);
    ctx.progress(0.5);
    ctx.progress(2);
    return { table: inputs.table.slice(0, config.rows), count: Math.min(config.rows, inputs.table.numRows) };
  },
});

const broken = defineNode({
  type: 'test.broken',
  version: 1,
  category: 'source',
  title: 'Broken',
  description: 'Returns a string where a table belongs.',
  inputs: {},
  outputs: { table: port.table() },
  config: z.object({}),
  run: () => ({ table: 'not a table' as unknown as Table }),
});

const readsContext = defineNode({
  type: 'test.context',
  version: 1,
  category: 'source',
  title: 'Context',
  description: 'Reads a file and a secret.',
  inputs: {},
  outputs: { text: port.value(z.string()) },
  config: z.object({ file: z.string(), secret: z.string() }),
  run: async ({ config, ctx }) => ({
    text: `${ctx.nodeId}:${new TextDecoder().decode(await ctx.files.read(config.file))}:${await ctx.secrets.get(config.secret)}:${ctx.signal.aborted}`,
  }),
});

describe('runNode', () => {
  const people = tableOf({ age: [31, 40, 52] });

  it('runs a node with parsed config and returns typed outputs, logs and progress', async () => {
    const result = await runNode(head, { inputs: { table: people, extra: undefined }, config: { rows: 2 } });
    expectTypeOf(result.outputs.table).toEqualTypeOf<Table>();
    expectTypeOf(result.outputs.count).toEqualTypeOf<number>();
    expect(rowsOf(result.outputs.table)).toEqual([{ age: 31 }, { age: 40 }]);
    expect(result.outputs.count).toBe(2);
    expect(result.logs).toEqual([{ level: 'info', message: 'taking 2' }]);
    expect(result.progress).toEqual([0.5, 1]);
  });

  it('pins the option types: inputs by port id, config in the zod input shape', () => {
    type Options = Parameters<typeof runNode<typeof head.inputs, typeof head.outputs, typeof head.config>>[1];
    expectTypeOf<Options['inputs']>().toEqualTypeOf<{ table: Table; extra?: Table | undefined }>();
    expectTypeOf<Extract<Options, { fromVersion?: undefined }>['config']>().toEqualTypeOf<{ rows: number; label?: string | undefined }>();
  });

  it('migrates an old config when given fromVersion', async () => {
    const result = await runNode(head, { inputs: { table: people, extra: undefined }, config: { n: 1 }, fromVersion: 1 });
    expect(result.outputs.count).toBe(1);
  });

  it('throws CONFIG_INVALID listing every issue with its path', async () => {
    const error = await runNode(head, {
      inputs: { table: people, extra: undefined },
      config: { rows: -1, label: 5 as unknown as string },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('CONFIG_INVALID');
    expect((error as UserError).issues.map((i) => i.path)).toEqual([
      ['config', 'rows'],
      ['config', 'label'],
    ]);
    expect((error as UserError).message).toMatch(/CONFIG_INVALID at config\.rows/);
  });

  it('refuses a config from a newer version', async () => {
    await expect(runNode(head, { inputs: { table: people, extra: undefined }, config: { rows: 1 }, fromVersion: 3 })).rejects.toThrow(
      /cannot read a version 3 config/,
    );
  });

  it('refuses a missing or mistyped input', async () => {
    const missing = { table: undefined as unknown as Table, extra: undefined };
    await expect(runNode(head, { inputs: missing, config: { rows: 1 } })).rejects.toMatchObject({ code: 'PORT_INPUT_MISSING' });
    const wrong = { table: people, extra: 'x' as unknown as Table };
    await expect(runNode(head, { inputs: wrong, config: { rows: 1 } })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('fails with PORT_VALUE_INVALID naming the port when an output does not match it', async () => {
    const error = await runNode(broken, { inputs: {}, config: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeRunError);
    expect((error as NodeRunError).code).toBe('PORT_VALUE_INVALID');
    expect((error as NodeRunError).message).toMatch(/output "table" is not a valid table/);
  });

  it('gives the node the files, secrets, node id and signal it is handed', async () => {
    const result = await runNode(readsContext, {
      inputs: {},
      config: { file: 'a.txt', secret: 'TOKEN' },
      files: memoryFiles({ 'a.txt': 'hello' }),
      secrets: memorySecrets({ TOKEN: 't0k' }),
      nodeId: 'reader',
      signal: AbortSignal.abort(),
    });
    expect(result.outputs.text).toBe('reader:hello:t0k:true');
  });

  it('fails with FILE_UNKNOWN and SECRET_UNKNOWN by default', async () => {
    await expect(runNode(readsContext, { inputs: {}, config: { file: 'a.txt', secret: 'X' } })).rejects.toMatchObject({
      code: 'FILE_UNKNOWN',
    });
    const files = memoryFiles({ 'a.txt': new Uint8Array([104]) });
    await expect(runNode(readsContext, { inputs: {}, config: { file: 'a.txt', secret: 'X' }, files })).rejects.toMatchObject({
      code: 'SECRET_UNKNOWN',
    });
  });
});
