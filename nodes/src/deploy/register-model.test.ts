import { runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { registerModel } from './register-model';

const model = {
  onnx: Uint8Array.of(8, 1, 18, 0),
  card: { task: 'regression' as const, features: [{ name: 'rooms', type: 'number' as const }], target: 'price' },
};

describe('deploy.register-model', () => {
  it('refuses a model whose gate did not pass, naming the gate’s sentence', async () => {
    const gate = { passed: false, checks: [{ name: 'r2', passed: false, message: 'r2 0.41 < 0.6' }], summary: 'Blocked: r2 0.41 < 0.6.' };
    await expect(runNode(registerModel, { inputs: { model, gate }, config: { name: 'house' } })).rejects.toMatchObject({
      code: 'DEPLOY_BLOCKED',
      message: 'Model "house" was not registered because its gate did not pass: Blocked: r2 0.41 < 0.6.',
    });
  });

  it('fails clearly where the host has no model registry', async () => {
    const gate = { passed: true, checks: [], summary: 'Passed.' };
    await expect(runNode(registerModel, { inputs: { model, gate }, config: { name: 'house' } })).rejects.toMatchObject({
      code: 'MODEL_REGISTRY_MISSING',
    });
  });

  it('refuses a model name that could not be a URL segment', async () => {
    await expect(runNode(registerModel, { inputs: { model }, config: { name: '../house' } })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });

  it('is a side effect the engine never caches', () => {
    expect(registerModel.effects).toBe(true);
  });
});
