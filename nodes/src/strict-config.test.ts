import { type Graph, validateGraph } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { builtinNodes, createBuiltinRegistry } from './index';

const registry = createBuiltinRegistry();

const oneNode = (type: string, version: number, config: Record<string, unknown>): Graph => ({
  format: 'causeway.graph/1',
  id: 'g',
  name: 'One node',
  nodes: [{ id: 'n', type, version, position: [0, 0], config }],
  edges: [],
});

const configIssues = (graph: Graph) =>
  validateGraph(graph, registry, { infer: false }).issues.filter((issue) => issue.code === 'CONFIG_INVALID');

describe('built-in node configs', () => {
  it('every built-in type refuses a key its config does not list', () => {
    expect(builtinNodes.length).toBeGreaterThanOrEqual(44);
    for (const node of builtinNodes) {
      const unknown = configIssues(oneNode(node.type, node.version, { zzUnlisted: 1 })).find((i) => i.path.at(-1) === 'zzUnlisted');
      expect(unknown, node.type).toMatchObject({ path: ['nodes', 0, 'config', 'zzUnlisted'], nodeId: 'n' });
    }
  });

  it('a CSV source with "type" for "types" is refused, naming the key it meant', () => {
    const issues = configIssues(oneNode('source.csv', 1, { file: 'people.csv', type: { id: 'string' } }));
    expect(issues).toEqual([
      {
        code: 'CONFIG_INVALID',
        path: ['nodes', 0, 'config', 'type'],
        nodeId: 'n',
        message: `type: unknown key "type" — did you mean 'types'?`,
      },
    ]);
    const misspelt = configIssues(oneNode('source.csv', 1, { file: 'people.csv', delimter: ';' }));
    expect(misspelt.map((i) => i.message)).toEqual([`delimter: unknown key "delimter" — did you mean 'delimiter'?`]);
  });

  it('refuses unknown keys inside nested objects, by the variant a discriminator picks', () => {
    const config = { model: 'churn', destination: { kind: 'file', name: 'scores.csv', table: 'scores' } };
    expect(configIssues(oneNode('deploy.batch-score', 1, config))).toMatchObject([
      { path: ['nodes', 0, 'config', 'destination', 'table'], message: expect.stringMatching(/^destination\.table: unknown key "table"/) },
    ]);
  });
});
