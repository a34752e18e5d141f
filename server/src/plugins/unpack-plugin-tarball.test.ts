import { describe, expect, test } from 'vitest';
import { pluginLimits } from './plugin-limits';
import { packTarball } from './test-support/pack-tarball';
import { unpackPluginTarball } from './unpack-plugin-tarball';

const files = [
  { name: 'package/package.json', content: '{"name":"a","version":"1.0.0"}' },
  { name: 'package/dist/causeway-plugin.json', content: '{}' },
  { name: 'package/dist/plugin.mjs', content: 'export default 1;' },
];

const refusal = async (tgz: Uint8Array) => {
  try {
    await unpackPluginTarball(tgz);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the tarball was accepted');
};

describe('unpackPluginTarball', () => {
  test('reads the three files an install needs and skips the rest', async () => {
    const tgz = await packTarball([{ name: 'package/', type: 'directory' }, ...files, { name: 'package/README.md', content: '# hi' }]);
    const unpacked = await unpackPluginTarball(tgz);
    expect(new TextDecoder().decode(unpacked.bundle)).toBe('export default 1;');
    expect(new TextDecoder().decode(unpacked.packageJson)).toContain('"version":"1.0.0"');
  });

  test('names the file a tarball lacks', async () => {
    expect(await refusal(await packTarball(files.slice(0, 2)))).toMatchObject({
      code: 'PLUGIN_BUNDLE_INVALID',
      message: expect.stringContaining('package/dist/plugin.mjs'),
    });
  });

  test('stops a gzip bomb at the unpacked-size cap without holding it all', async () => {
    const zeros = new Uint8Array(pluginLimits.unpackedBytes + 1024);
    const tgz = await packTarball([...files, { name: 'package/padding.bin', content: zeros }]);
    expect(tgz.byteLength).toBeLessThan(1024 * 1024);
    expect(await refusal(tgz)).toMatchObject({ code: 'PLUGIN_BUNDLE_INVALID', message: expect.stringContaining('unpacks to more than') });
  });

  test('stops at the entry cap', async () => {
    const many = Array.from({ length: pluginLimits.tarEntries + 1 }, (_, i) => ({ name: `package/f${i}`, content: '' }));
    expect(await refusal(await packTarball([...files, ...many]))).toMatchObject({
      message: expect.stringContaining('more than 2000 entries'),
    });
  });

  test('refuses what is not a gzipped tar', async () => {
    expect(await refusal(new TextEncoder().encode('PK\u0003\u0004 a zip file'))).toMatchObject({ code: 'PLUGIN_BUNDLE_INVALID' });
  });
});
