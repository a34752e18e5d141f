import { createBuiltinRegistry } from '@causeway/nodes';
import { describeNode } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { initialConfig } from '../canvas/initial-config';
import { formOf, type PropertyModel } from './form-model';

// The forms of the built-in nodes, from the descriptors the editor receives.
const registry = createBuiltinRegistry();
const descriptorOf = (type: string) => {
  const definition = registry.get(type, 1);
  if (!definition) throw new Error(`no ${type}`);
  return describeNode(definition);
};
const fieldsOf = (type: string): Record<string, PropertyModel> =>
  Object.fromEntries(formOf(descriptorOf(type).config).map((p) => [p.key, p]));

describe('forms of the built-in nodes', () => {
  it('gives a CSV source a type picker per column and a header that is auto, yes or no', () => {
    const csv = fieldsOf('source.csv');
    expect(csv.types?.field).toEqual({ kind: 'columnTypes', types: ['number', 'integer', 'string', 'category', 'boolean', 'date'] });
    expect(csv.header?.field).toEqual({ kind: 'boolean', unset: 'auto' });
    expect(initialConfig(descriptorOf('source.csv'))).not.toHaveProperty('types');
  });

  it('offers the input’s columns for a model’s target and features', () => {
    const forest = fieldsOf('model.random-forest');
    expect(forest.target?.field).toEqual({ kind: 'column', multiple: false });
    expect(forest.features?.field).toEqual({ kind: 'column', multiple: true });
    expect(fieldsOf('model.logistic-regression').target?.field).toEqual({ kind: 'column', multiple: false });
    expect(fieldsOf('transform.select').columns?.field).toMatchObject({ kind: 'array', columnKey: 'name' });
  });

  it('picks a registered model’s version among the stages or the model’s versions', () => {
    expect(fieldsOf('model.registered').version?.field).toEqual({
      kind: 'choiceOrNumber',
      options: ['production', 'staging', 'latest'],
      integer: true,
      min: 1,
      versionsOf: 'model',
    });
  });

  it('starts a split at a quarter of the rows with a seed', () => {
    expect(initialConfig(descriptorOf('transform.split'))).toEqual({ test: 0.25, seed: 42 });
  });
});
