import { runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { linearRegressionNode } from '../linear-regression';

describe('runTraining', () => {
  it('logs and records the rows it trained on, not the rows left out for a null target', async () => {
    const table = tableOf({ x: [1, 2, 3, 4, 5], y: [2, 4, null, 8, null] }, { y: 'number' });
    const { outputs, logs } = await runNode(linearRegressionNode, { inputs: { table }, config: { target: 'y', features: ['x'] } });
    expect(logs.map((l) => l.message)).toEqual([
      '2 rows with no "y" were left out of training.',
      expect.stringMatching(/^Trained linear-regression on 3 rows and 1 features;/),
    ]);
    expect(outputs.model.card.trainingRows).toBe(3);
  });
});
