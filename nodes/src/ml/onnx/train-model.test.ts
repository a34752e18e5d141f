import { runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { linearRegressionNode } from '../../model/linear-regression';

describe('a model node’s metrics', () => {
  it('say they were measured on the training rows, as the card records them', async () => {
    const table = tableOf({ x: [1, 2, 3, 4, 5, 6], y: [2.1, 3.9, 6.2, 8.1, 9.8, 12.2] });
    const { outputs } = await runNode(linearRegressionNode, { inputs: { table }, config: { target: 'y' } });
    expect(outputs.metrics.dataset).toBe('train');
    expect(Object.keys(outputs.metrics.values)).toEqual(expect.arrayContaining(['rmse', 'r2']));
    expect(outputs.model.card.trainingMetrics).toEqual(outputs.metrics.values);
  });
});
