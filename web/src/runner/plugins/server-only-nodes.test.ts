import { createHash } from 'node:crypto';
import { defineNode, definePlugin, describePlugin, port, z } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { serverOnlyNodes } from './server-only-nodes';

const echo = defineNode({
  type: '@acme/causeway-api/echo',
  version: 1,
  category: 'plugin',
  title: 'Echo',
  description: 'Passes a table on.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  config: z.object({}),
  run: ({ inputs }) => ({ table: inputs.table }),
});

const manifestOf = (capabilities?: { network?: string[]; secrets?: string[] }) =>
  describePlugin(
    definePlugin({ name: '@acme/causeway-api', version: '1.0.0', apiVersion: 1, nodes: [echo], ...(capabilities ? { capabilities } : {}) }),
    {
      file: 'plugin.mjs',
      sha256: createHash('sha256').update('x').digest('hex'),
    },
  );

describe('serverOnlyNodes', () => {
  it('leaves the nodes of a plugin that asks for nothing as they are', () => {
    expect(serverOnlyNodes(manifestOf(), [echo])[0]).toBe(echo);
  });

  it('fails a node of a plugin asking for capabilities with PLUGIN_CAPABILITY_DENIED naming node and plugin', async () => {
    const [node] = serverOnlyNodes(manifestOf({ network: ['api.example.com'], secrets: ['API_KEY'] }), [echo]);
    expect(node?.type).toBe(echo.type);
    const run = () => node?.run({ inputs: {}, config: {}, ctx: { nodeId: 'call' } } as never);
    expect(run).toThrow(
      expect.objectContaining({
        code: 'PLUGIN_CAPABILITY_DENIED',
        message: expect.stringContaining(
          'Node "call" (@acme/causeway-api/echo) comes from plugin @acme/causeway-api@1.0.0, which asks for host api.example.com, secret API_KEY',
        ),
      }),
    );
  });
});
