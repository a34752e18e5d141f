import { tableFromArrays } from 'apache-arrow';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { UserError } from '../errors/errors';
import type { AnyNodeDefinition } from '../node/define-node';
import { NodeRegistry } from '../node/registry';
import { runNode } from '../testkit/run-node';
import { resolveNode } from '../validate/resolve-node';
import { describeNode } from './describe-node';
import { upper } from './fixtures.test-helper';
import { nodeFromDescriptor } from './node-from-descriptor';

describe('nodeFromDescriptor', () => {
  const descriptor = describeNode(upper);

  it('has the same ports and describes back to the same ports', () => {
    const placeholder = nodeFromDescriptor(descriptor);
    const again = describeNode(placeholder);
    expect(again.inputs).toEqual(descriptor.inputs);
    expect(again.outputs.table).toEqual(descriptor.outputs.table);
    expect(again.outputs.count?.kind).toBe('value');
    expect(new NodeRegistry().add(placeholder).resolve(descriptor.type, 1).status).toBe('exact');
  });

  it('checks a config against the described schema, and running it fails with PLUGIN_MISSING', async () => {
    const placeholder = nodeFromDescriptor(descriptor);
    expect(placeholder.config.safeParse({ column: 'a' })).toEqual({ success: true, data: { column: 'a' } });
    expect(placeholder.config.safeParse('text').success).toBe(false);
    const r = new NodeRegistry().add(placeholder);
    const node = { id: 'up', type: descriptor.type, version: 1, position: [0, 0] as [number, number] };
    const refused = resolveNode({ ...node, config: { column: [1, 2], keep: 'yes' } }, r, ['nodes', 0]);
    expect(refused.ok ? [] : refused.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([
      ['CONFIG_INVALID', 'nodes.0.config.column'],
      ['CONFIG_INVALID', 'nodes.0.config.keep'],
    ]);
    expect(resolveNode({ ...node, config: { column: '' } }, r).ok).toBe(false);
    expect(resolveNode({ ...node, config: {} }, r).ok).toBe(false);
    const table = tableFromArrays({ a: ['x'] });
    const failure = await runNode(placeholder, { inputs: { table, extra: [] }, config: { column: 'a' } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as UserError).code).toBe('PLUGIN_MISSING');
    expect((failure as UserError).message).toContain('@acme/causeway-text/upper');
  });

  it('refuses config keys the descriptor does not list, naming the key and the one it likely meant', () => {
    expect(descriptor.config.additionalProperties).toBe(false);
    const placeholder = nodeFromDescriptor(descriptor);
    const r = new NodeRegistry().add(placeholder);
    const node = { id: 'up', type: descriptor.type, version: 1, position: [0, 0] as [number, number] };
    expect(resolveNode({ ...node, config: { column: 'a', kep: false } }, r, ['nodes', 0])).toEqual({
      ok: false,
      issues: [
        {
          code: 'CONFIG_INVALID',
          path: ['nodes', 0, 'config', 'kep'],
          nodeId: 'up',
          message: `kep: unknown key "kep" — did you mean 'keep'?`,
        },
      ],
    });
    // A manifest written before configs said additionalProperties: false is read as closed too.
    const { additionalProperties: _, ...older } = descriptor.config;
    const fromOlder = nodeFromDescriptor({ ...descriptor, config: older });
    expect(fromOlder.config.safeParse({ column: 'a', extra: 1 }).success).toBe(false);
  });

  it('runs the function it is given', async () => {
    const placeholder = nodeFromDescriptor(descriptor, ({ inputs }) => ({ table: inputs.table, count: 7 }));
    const table = tableFromArrays({ a: ['x'] });
    const { outputs } = await runNode(placeholder, { inputs: { table, extra: [] }, config: { column: 'a' } });
    expect(outputs.count).toBe(7);
  });

  it('checks value outputs against the described schema', async () => {
    const placeholder = nodeFromDescriptor(descriptor, ({ inputs }) => ({ table: inputs.table, count: -1 }));
    const table = tableFromArrays({ a: ['x'] });
    await expect(runNode(placeholder, { inputs: { table, extra: [] }, config: { column: 'a' } })).rejects.toMatchObject({
      code: 'PORT_VALUE_INVALID',
    });
  });

  it('is registered under <package>/<name> types, and a registry refuses types outside any namespace', () => {
    expectTypeOf(nodeFromDescriptor(descriptor)).toEqualTypeOf<AnyNodeDefinition>();
    const registry = new NodeRegistry();
    registry.add(nodeFromDescriptor({ ...descriptor, type: 'causeway-plain/upper' }));
    expect(registry.has('causeway-plain/upper')).toBe(true);
    for (const type of ['upper', '@acme/causeway-text/', '@acme//upper', 'Acme/upper']) {
      expect(() => new NodeRegistry().add(nodeFromDescriptor({ ...descriptor, type })), type).toThrow(/namespaced name/);
    }
  });
});
