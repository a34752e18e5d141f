import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createBuiltinRegistry } from '@causeway/nodes';
import { checkPluginManifest, formatIssue, type Issue, parseGraph, validateGraph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const registry = createBuiltinRegistry();
const configIssues = (text: string): string[] => {
  const parsed = parseGraph(text);
  const issues: Issue[] = parsed.ok ? validateGraph(parsed.value, registry, { infer: false }).issues : parsed.issues;
  return issues.filter((issue) => issue.code === 'CONFIG_INVALID' && issue.message.includes('unknown key')).map(formatIssue);
};
const jsonFiles = (folder: string) =>
  readdirSync(root(folder))
    .filter((name) => name.endsWith('.json') && !name.endsWith('.tests.json'))
    .map((name) => `${folder}/${name}`);

describe('graph files shipped with the project', () => {
  it('templates and test fixtures hold no config key their node types do not list', () => {
    const files = [...jsonFiles('templates'), ...jsonFiles('test/fixtures/graphs')];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(configIssues(readFileSync(root(file), 'utf8')), file).toEqual([]);
  });
});

describe('docs/graph-format.md', () => {
  const doc = readFileSync(root('docs/graph-format.md'), 'utf8');

  it('shows a graph that validates against the built-ins, configs included', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => m[1] as string);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      const parsed = parseGraph(block);
      expect(parsed.ok ? validateGraph(parsed.value, registry).issues.map(formatIssue) : parsed.issues).toEqual([]);
    }
  });

  it('names plugin node types the way a plugin manifest must write them', () => {
    const types = [...doc.matchAll(/`(@[a-z0-9-]+\/[^`\s]+)`/g)].map((m) => m[1] as string).filter((t) => t.split('/').length === 3);
    expect(types.length).toBeGreaterThan(0);
    for (const type of types) {
      const name = type.slice(0, type.lastIndexOf('/'));
      const node = {
        type,
        version: 1,
        category: 'plugin',
        title: 'Example',
        description: '',
        inputs: {},
        outputs: {},
        config: {},
        effects: false,
      };
      const manifest = {
        manifestVersion: 1,
        name,
        version: '1.0.0',
        apiVersion: 1,
        bundle: 'plugin.mjs',
        bundleSha256: 'a'.repeat(64),
        nodes: [node],
      };
      const checked = checkPluginManifest(manifest);
      expect(checked.ok ? [] : checked.issues.map(formatIssue), type).toEqual([]);
    }
  });
});
