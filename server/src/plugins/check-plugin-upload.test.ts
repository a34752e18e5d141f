import { createHash } from 'node:crypto';
import { defineNode, definePlugin, describePlugin, port, z } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { checkPluginUpload } from './check-plugin-upload';

const bundle = new TextEncoder().encode("import { definePlugin } from '@causeway/sdk';\nexport default definePlugin;\n");
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

function upload(capabilities?: { network?: string[]; secrets?: string[] }) {
  const plugin = definePlugin({
    name: '@acme/causeway-api',
    version: '1.2.0',
    apiVersion: 1,
    nodes: [echo],
    ...(capabilities ? { capabilities } : {}),
  });
  const manifest = describePlugin(plugin, { file: 'plugin.mjs', sha256: createHash('sha256').update(bundle).digest('hex') });
  return { manifest: new TextEncoder().encode(JSON.stringify(manifest)), bundle };
}

describe('checkPluginUpload and capabilities', () => {
  it('accepts a plugin that asks for nothing', async () => {
    expect((await checkPluginUpload(upload())).version).toBe('1.2.0');
    expect((await checkPluginUpload(upload({ network: [], secrets: [] }))).name).toBe('@acme/causeway-api');
  });

  it('refuses one asking for hosts or secrets that are not granted, naming the plugin, version and field', async () => {
    await expect(checkPluginUpload(upload({ network: ['api.example.com'] }))).rejects.toMatchObject({
      code: 'PLUGIN_CAPABILITY_DENIED',
      message:
        'Plugin @acme/causeway-api@1.2.0 asks for capabilities.network (api.example.com) and api.example.com was not granted, so it was refused; an admin grants hosts when installing it on a server (causeway run grants none).',
      details: { plugin: '@acme/causeway-api', version: '1.2.0', field: 'capabilities.network', missing: ['api.example.com'] },
    });
    await expect(
      checkPluginUpload(upload({ network: ['a.example.com'], secrets: ['API_TOKEN', 'OTHER'] }), {
        network: ['a.example.com'],
        secrets: ['API_TOKEN'],
      }),
    ).rejects.toMatchObject({ code: 'PLUGIN_CAPABILITY_DENIED', details: { field: 'capabilities.secrets', missing: ['OTHER'] } });
  });

  it('accepts exactly what is asked, and refuses a grant of more', async () => {
    const asked = { network: ['api.example.com'], secrets: ['API_TOKEN'] };
    expect((await checkPluginUpload(upload(asked), asked)).capabilities).toEqual(asked);
    await expect(
      checkPluginUpload(upload(asked), { network: ['api.example.com', 'evil.example.com'], secrets: ['API_TOKEN'] }),
    ).rejects.toMatchObject({
      code: 'PLUGIN_GRANT_INVALID',
      details: { plugin: '@acme/causeway-api', version: '1.2.0', field: 'capabilities.network', extra: ['evil.example.com'] },
    });
    await expect(checkPluginUpload(upload(), { network: [], secrets: ['API_TOKEN'] })).rejects.toMatchObject({
      code: 'PLUGIN_GRANT_INVALID',
      details: { field: 'capabilities.secrets', extra: ['API_TOKEN'] },
    });
  });
});
