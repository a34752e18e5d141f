import { createBuiltinRegistry } from '@causeway/nodes';
import { type Graph, lintGraph, lintSeverities } from '@causeway/sdk';
import { graphOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';

const registry = createBuiltinRegistry();
const codes = (graph: Graph) => lintGraph(graph, registry).map((f) => `${f.code} ${f.nodeId ?? ''}`.trim());

const load = { id: 'load', type: 'source.sample', config: { dataset: 'churn' } };
const split = { id: 'split', type: 'transform.split', config: { test: 0.25, seed: 7 } };
const train = { id: 'train', type: 'model.logistic-regression', config: { target: 'churned' } };
const score = { id: 'score', type: 'model.predict' };
const evaluate = { id: 'evaluate', type: 'model.evaluate', config: { target: 'churned' } };
const gate = { id: 'gate', type: 'validate.model-gate', config: { expression: 'auc >= 0.7' } };
const register = { id: 'register', type: 'deploy.register-model', config: { name: 'churn' } };

// The churn pipeline as it should be: split, train, score the test side, evaluate, gate, register.
const good = {
  id: 'good',
  nodes: [load, split, train, score, evaluate, gate, register],
  edges: [
    'load.table -> split.table',
    'split.train -> train.table',
    'split.test -> score.table',
    'train.model -> score.model',
    'score.table -> evaluate.table',
    'train.model -> evaluate.model',
    'evaluate.metrics -> gate.metrics',
    'train.model -> gate.model',
    'gate.model -> register.model',
  ],
};

describe('lintGraph', () => {
  it('finds nothing in a well-formed training pipeline', () => {
    expect(codes(graphOf(good))).toEqual([]);
  });

  it('flags a disconnected node and a branch that feeds no end node', () => {
    const graph = graphOf({
      ...good,
      nodes: [
        ...good.nodes,
        { id: 'lonely', type: 'source.sample', config: { dataset: 'churn' } },
        { id: 'peek', type: 'transform.sort', config: { keys: [{ column: 'tenure_months' }] } },
      ],
      edges: [...good.edges, 'split.test -> peek.table'],
    });
    expect(codes(graph)).toEqual(['GL001 lonely', 'GL002 peek']);
  });

  it('flags a deploy whose model passes no gate', () => {
    const graph = graphOf({ ...good, edges: [...good.edges.filter((e) => !e.startsWith('gate.model')), 'train.model -> register.model'] });
    expect(codes(graph)).toContain('GL003 register');
  });

  it('flags evaluating on the training rows, and training that is never evaluated', () => {
    const onTrain = graphOf({
      ...good,
      edges: good.edges.map((e) => (e === 'split.test -> score.table' ? 'split.train -> score.table' : e)),
    });
    expect(codes(onTrain)).toEqual(['GL005 train']);
    const never = graphOf({ id: 'never', nodes: [load, train], edges: ['load.table -> train.table'] });
    expect(codes(never)).toEqual(['GL005 train']);
  });

  it('flags a scaler fit on the test split, not one applying the training state', () => {
    const scaleTest = { id: 'scaleTest', type: 'transform.scale', config: { columns: ['tenure_months'], method: 'standard' } };
    const scaleTrain = { id: 'scaleTrain', type: 'transform.scale', config: { columns: ['tenure_months'], method: 'standard' } };
    const base = {
      ...good,
      nodes: [...good.nodes, scaleTrain, scaleTest],
      edges: [
        ...good.edges.filter((e) => e !== 'split.train -> train.table' && e !== 'split.test -> score.table'),
        'split.train -> scaleTrain.table',
        'scaleTrain.table -> train.table',
        'split.test -> scaleTest.table',
        'scaleTest.table -> score.table',
      ],
    };
    expect(codes(graphOf(base))).toEqual(['GL008 scaleTest']);
    expect(codes(graphOf({ ...base, edges: [...base.edges, 'scaleTrain.fitted -> scaleTest.fitted'] }))).toEqual([]);
  });

  it('flags unbounded plugin ranges, secrets in configs and columns that will not exist', () => {
    const graph = graphOf({
      id: 'texts',
      nodes: [
        load,
        { id: 'keep', type: 'transform.filter', config: { where: 'tenure > 3' } },
        { id: 'api', type: 'source.http', config: { url: 'https://bob:hunter22@example.com/data.csv', format: 'csv' } },
      ],
      edges: ['load.table -> keep.table'],
    });
    const withRequires: Graph = { ...graph, requires: { '@acme/a': '*', '@acme/b': '>=1.0.0', '@acme/c': '^1.2.0' } };
    const findings = lintGraph(withRequires, registry);
    expect(findings.filter((f) => f.code === 'GL004').map((f) => f.message.split(' is ')[0])).toEqual(['plugin @acme/a', 'plugin @acme/b']);
    expect(findings.find((f) => f.code === 'GL006')).toMatchObject({ nodeId: 'api', path: ['nodes', 2] });
    expect(findings.find((f) => f.code === 'GL007')).toMatchObject({ nodeId: 'keep', severity: 'error' });
  });

  it('takes severities by code or name and leaves rules set to off unrun', () => {
    const never = graphOf({ id: 'never', nodes: [load, train], edges: ['load.table -> train.table'] });
    const chosen = lintSeverities({ 'no-holdout-evaluation': 'error' });
    expect(chosen.ok && lintGraph(never, registry, chosen.value)[0]?.severity).toBe('error');
    const off = lintSeverities({ GL005: 'off' });
    expect(off.ok && lintGraph(never, registry, off.value)).toEqual([]);
    expect(lintSeverities({ GL999: 'off' })).toMatchObject({ ok: false });
  });
});
