import { type PortSpec, valueDescriptor } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtinNodes, createBuiltinRegistry } from '../index';

const transforms = builtinNodes.filter((node) => node.type.startsWith('transform.'));

describe('transform node registration', () => {
  it('registers every transform type once, at version 1', () => {
    const registry = createBuiltinRegistry();
    for (const type of ['filter', 'derive', 'cast', 'impute', 'encode', 'scale', 'bin', 'split', 'sample', 'sort', 'dedupe', 'join']) {
      expect(registry.resolve(`transform.${type}`, 1).status, type).toBe('exact');
    }
    for (const type of ['aggregate', 'pivot', 'unpivot', 'union', 'window', 'date-parts', 'strings', 'select']) {
      expect(registry.resolve(`transform.${type}`, 1).status, type).toBe('exact');
    }
  });

  it('gives every config a JSON Schema with descriptions and UI hints, and every value port a descriptor', () => {
    for (const node of transforms) {
      const schema = z.toJSONSchema(node.config, { unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      expect(schema.properties, node.type).toBeDefined();
      for (const spec of Object.values(node.outputs as Record<string, PortSpec>))
        if (spec.kind === 'value') expect(valueDescriptor(spec)?.jsonSchema, node.type).toBeDefined();
    }
    const filter = transforms.find((n) => n.type === 'transform.filter');
    expect(JSON.stringify(z.toJSONSchema(filter?.config as z.ZodType))).toContain('"ui":"expression"');
    const scale = transforms.find((n) => n.type === 'transform.scale');
    expect(JSON.stringify(z.toJSONSchema(scale?.config as z.ZodType))).toContain('"ui":"columns"');
  });
});
