import { type Graph, graphFormat, idPattern } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { categoryOfType, graphFromTemplate } from './from-template';

const template: Graph = {
  format: graphFormat,
  id: 'x'.repeat(64),
  name: 'Churn model',
  nodes: [{ id: 'load', type: 'source.sample', version: 1, position: [0, 0], config: { dataset: 'churn' } }],
  edges: [],
};

describe('graphFromTemplate', () => {
  it('keeps the nodes under a fresh valid id, so the template itself is never overwritten', () => {
    const a = graphFromTemplate(template, new Date('2026-11-26T12:00:00Z'), () => 0.5);
    const b = graphFromTemplate(template, new Date('2026-11-26T12:00:00Z'), () => 0.25);
    expect(a.id).toMatch(idPattern);
    expect(a.id).not.toBe(template.id);
    expect(a.id).not.toBe(b.id);
    expect(a.name).toBe('Churn model (2026-11-26)');
    expect(a.nodes).toEqual(template.nodes);
  });

  it('names categories by type prefix, plugin types as plugin', () => {
    expect(categoryOfType('model.predict')).toBe('model');
    expect(categoryOfType('@causeway/plugin-text/tokenize')).toBe('plugin');
  });
});
