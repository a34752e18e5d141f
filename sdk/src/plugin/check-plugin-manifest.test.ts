import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Result } from '../errors/issue';
import { formatIssue } from '../errors/issue';
import { checkPluginManifest } from './check-plugin-manifest';
import { describePlugin } from './describe-plugin';
import { acmePlugin, sha } from './fixtures.test-helper';
import type { PluginManifest } from './manifest-schema';

const valid = () => JSON.parse(JSON.stringify(describePlugin(acmePlugin, { file: 'plugin.mjs', sha256: sha })));

function issuesOf(value: unknown) {
  const r = checkPluginManifest(value);
  if (r.ok) throw new Error('expected the manifest to be refused');
  for (const issue of r.issues) expect(issue.code).toBe('PLUGIN_MANIFEST_INVALID');
  return r.issues.map(formatIssue).join('\n');
}

describe('checkPluginManifest', () => {
  it('accepts the manifest describePlugin writes', () => {
    const r = checkPluginManifest(valid());
    expect(r.ok).toBe(true);
    expectTypeOf(r).toEqualTypeOf<Result<PluginManifest>>();
    if (r.ok)
      expectTypeOf(r.value.nodes[0]?.inputs).toEqualTypeOf<Record<string, import('./describe-node').NodePortDescriptor> | undefined>();
  });

  it('refuses __proto__, constructor and prototype keys anywhere, naming the path', () => {
    const m = valid();
    const text = JSON.stringify(m).replace('"config":{', '"config":{"__proto__":{"polluted":true},');
    expect(issuesOf(JSON.parse(text))).toContain('nodes[0].config.__proto__');
    m.nodes[0].inputs.table.constructor = 'x';
    expect(issuesOf(m)).toContain('nodes[0].inputs.table.constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses node types outside the package namespace', () => {
    const m = valid();
    m.nodes[0].type = 'transform.upper';
    expect(issuesOf(m)).toMatch(/nodes\[0\]\.type: node type "transform.upper" must be "@acme\/causeway-text\/<name>"/);
    m.nodes[0].type = '@acme/causeway-text-evil/upper';
    expect(issuesOf(m)).toContain('nodes[0].type');
    m.nodes[0].type = '@acme/causeway-text/';
    expect(issuesOf(m)).toContain('nodes[0].type');
  });

  it('refuses duplicate node types', () => {
    const m = valid();
    m.nodes.push(structuredClone(m.nodes[0]));
    expect(issuesOf(m)).toContain('nodes[1].type: node type @acme/causeway-text/upper@1 is listed twice');
  });

  it('refuses bad names, versions, hashes and unknown fields', () => {
    for (const [field, value, where] of [
      ['version', '1.2', 'version: must be a semantic version'],
      ['version', 'v1.2.0', 'version'],
      ['name', 'Acme Text', 'name: must be an npm package name'],
      ['name', '@acme/../x', 'name'],
      ['bundleSha256', 'abc', 'bundleSha256'],
      ['bundle', '../../etc/passwd', 'bundle'],
      ['apiVersion', 1.5, 'apiVersion'],
      ['manifestVersion', 2, 'manifestVersion'],
      ['extra', true, 'extra'],
    ] as const) {
      expect(issuesOf({ ...valid(), [field]: value }), `${field}=${value}`).toContain(where);
    }
    const m = valid();
    m.nodes[0].inputs.table.kind = 'dataframe';
    expect(issuesOf(m)).toContain('nodes[0].inputs.table.kind');
    m.nodes[0].inputs['bad id'] = m.nodes[0].outputs.table;
    expect(issuesOf(m)).toContain('nodes[0].inputs');
  });

  it('carries the capabilities a plugin asks for, and refuses hosts and secret names that break the rules', () => {
    const asking = describePlugin(
      { ...acmePlugin, capabilities: { network: ['api.example.com', '127.0.0.1'], secrets: ['EXAMPLE_TOKEN'] } },
      { file: 'plugin.mjs', sha256: sha },
    );
    expect(asking.capabilities).toEqual({ network: ['api.example.com', '127.0.0.1'], secrets: ['EXAMPLE_TOKEN'] });
    expect(checkPluginManifest(JSON.parse(JSON.stringify(asking))).ok).toBe(true);
    const refused = issuesOf({ ...valid(), capabilities: { network: ['https://api.example.com', '*.example.com', 'API.example.com'] } });
    for (const i of [0, 1, 2]) expect(refused).toContain(`capabilities.network[${i}]: a host is a lowercase DNS name or IPv4 address`);
    expect(issuesOf({ ...valid(), capabilities: { secrets: ['TOKEN', 'TOKEN'] } })).toContain('capabilities.secrets: each secret once');
    expect(issuesOf({ ...valid(), capabilities: { secrets: ['1TOKEN'] } })).toContain('capabilities.secrets[0]: a secret name is');
    expect(issuesOf({ ...valid(), capabilities: { files: ['/etc'] } })).toContain('capabilities');
  });

  it('refuses huge and deeply nested input without walking all of it', () => {
    const long = valid();
    long.nodes[0].description = 'x'.repeat(1_000_000);
    expect(issuesOf(long)).toContain('nodes[0].description');

    const many = valid();
    many.nodes = Array.from({ length: 600 }, (_, i) => ({ ...many.nodes[0], type: `@acme/causeway-text/n${i}` }));
    expect(issuesOf(many)).toContain('nodes');

    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    const nested = valid();
    nested.nodes[0].config = deep;
    expect(issuesOf(nested)).toContain('nested deeper');

    const wide = valid();
    wide.nodes[0].config = { items: new Array(3_000_000).fill(0) };
    // How fast it refuses is measured by test/bench/manifest-check.ts.
    expect(issuesOf(wide)).toContain('size limit');
  });

  it('refuses non-JSON values and non-objects', () => {
    expect(issuesOf(null)).toContain('(root)');
    expect(issuesOf('manifest')).toContain('(root)');
    const m = valid();
    m.nodes[0].title = () => 'x';
    expect(issuesOf(m)).toContain('nodes[0].title');
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = checkPluginManifest(value);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (key, value) => {
        const m = valid();
        m.nodes[0][key] = value;
        expect(() => checkPluginManifest(m)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
