import { createBuiltinRegistry } from '@causeway/nodes';
import { describeNode } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { initialConfig } from '../canvas/initial-config';
import { formOf } from './form-model';

const registry = createBuiltinRegistry();

describe('forms of the newer learners', () => {
  for (const type of ['model.naive-bayes', 'model.knn', 'model.linear-svm', 'model.mlp']) {
    it(`${type} offers the input’s columns for target and features`, () => {
      const definition = registry.get(type, 1);
      if (!definition) throw new Error(`no ${type}`);
      const fields = Object.fromEntries(formOf(describeNode(definition).config).map((p) => [p.key, p.field]));
      expect(fields.target).toEqual({ kind: 'column', multiple: false });
      expect(fields.features).toEqual({ kind: 'column', multiple: true });
      if (type === 'model.mlp') {
        expect(fields.hidden).toMatchObject({ kind: 'array', min: 1, max: 8 });
        expect(initialConfig(describeNode(definition))).toMatchObject({ hidden: [100] });
      }
    });
  }
});
