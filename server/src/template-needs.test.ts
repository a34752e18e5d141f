import { expect, test } from 'vitest';
import { modelsMadeBy, modelsRegisteredBy, templateNeeds } from './template-needs';

const makers = new Map([['churn', { id: 'churn-deploy', name: 'Churn deploy' }]]);

test('a model read by stage names the template that registers it; an endpoint is named alone', () => {
  const nodes = [
    { type: 'source.endpoint-requests', config: { endpoint: 'churn' } },
    { type: 'model.registered', config: { model: 'churn', version: 'staging' } },
    { type: 'deploy.batch-score', config: { model: 'other' } },
    { type: 'transform.select', config: { model: 'not-a-reader' } },
  ];
  expect(templateNeeds(nodes, makers)).toEqual([
    { kind: 'model', name: 'churn', stage: 'staging', madeBy: { id: 'churn-deploy', name: 'Churn deploy' } },
    { kind: 'model', name: 'other', stage: 'production', madeBy: null },
    { kind: 'endpoint', name: 'churn', stage: null, madeBy: null },
  ]);
});

test('a retraining template that reads its own model in production needs the template that makes it', () => {
  const nodes = [
    { type: 'source.labelled-predictions', config: { endpoint: 'churn' } },
    { type: 'model.registered', config: { model: 'churn', version: 'production' } },
    { type: 'deploy.register-model', config: { name: 'churn' } },
  ];
  expect(modelsRegisteredBy(nodes)).toEqual(['churn']);
  expect(modelsMadeBy(nodes)).toEqual([]);
  expect(templateNeeds(nodes, makers)).toEqual([
    { kind: 'model', name: 'churn', stage: 'production', madeBy: { id: 'churn-deploy', name: 'Churn deploy' } },
    { kind: 'endpoint', name: 'churn', stage: null, madeBy: null },
  ]);
});

test('a template that registers the model it then reads, made by no other, needs nothing; odd configs are skipped', () => {
  const nodes = [
    { type: 'deploy.register-model', config: { name: 'churn' } },
    { type: 'model.registered', config: { model: 'churn' } },
    { type: 'model.registered', config: null },
    { type: 'model.registered', config: { model: 7 } },
  ];
  expect(modelsRegisteredBy(nodes)).toEqual(['churn']);
  expect(templateNeeds(nodes, new Map())).toEqual([]);
});
