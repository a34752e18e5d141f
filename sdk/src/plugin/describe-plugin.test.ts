import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/errors';
import { defineNode } from '../node/define-node';
import { definePlugin } from '../node/define-plugin';
import { describePlugin } from './describe-plugin';
import { acmePlugin, sha, upper } from './fixtures.test-helper';

describe('describePlugin', () => {
  it('writes the manifest of a plugin and its bundle', () => {
    const manifest = describePlugin(acmePlugin, { file: 'plugin.mjs', sha256: sha });
    expect(manifest).toMatchObject({ manifestVersion: 1, name: '@acme/causeway-text', version: '1.2.0', apiVersion: 1 });
    expect(manifest.bundle).toBe('plugin.mjs');
    expect(manifest.bundleSha256).toBe(sha);
    expect(manifest.nodes.map((n) => n.type)).toEqual(['@acme/causeway-text/upper']);
  });

  it('takes the version from package.json and refuses a definePlugin that says otherwise', () => {
    const { version: _version, ...unversioned } = acmePlugin;
    const manifest = describePlugin(definePlugin(unversioned), { file: 'plugin.mjs', sha256: sha, packageJson: { version: '1.3.0' } });
    expect(manifest.version).toBe('1.3.0');
    expect(() => describePlugin(acmePlugin, { file: 'plugin.mjs', sha256: sha, packageJson: { version: '1.3.0' } })).toThrow(
      'Plugin "@acme/causeway-text": definePlugin gives version "1.2.0", package.json "1.3.0"; leave version out of definePlugin.',
    );
    expect(() => describePlugin(acmePlugin, { file: 'plugin.mjs', sha256: sha, packageJson: { name: '@acme/other' } })).toThrow(
      'definePlugin gives name "@acme/causeway-text", package.json "@acme/other"',
    );
    expect(() => describePlugin(definePlugin(unversioned), { file: 'plugin.mjs', sha256: sha })).toThrow(/version/);
  });

  it('fails at build time, naming the node, when a type is not namespaced', () => {
    const stray = defineNode({ ...upper, type: 'text.upper' });
    const plugin = definePlugin({ ...acmePlugin, nodes: [upper, stray] });
    let failure: unknown;
    try {
      describePlugin(plugin, { file: 'plugin.mjs', sha256: sha });
    } catch (e) {
      failure = e;
    }
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).code).toBe('PLUGIN_MANIFEST_INVALID');
    expect((failure as UserError).message).toContain('nodes[1].type');
    expect((failure as UserError).message).toContain('text.upper');
  });
});
