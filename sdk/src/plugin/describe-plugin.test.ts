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
