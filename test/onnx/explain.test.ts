import type { ModelValue } from '@causeway/sdk';
import { inferNode, runNode, tableOf } from '@causeway/sdk/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../nodes/src/ml/learn/random';
import { readModel } from '../../nodes/src/ml/onnx/read-model';
import { explainNode } from '../../nodes/src/model/explain';
import { linearRegressionNode } from '../../nodes/src/model/linear-regression';
import { logisticRegressionNode } from '../../nodes/src/model/logistic-regression';
import { randomForestNode } from '../../nodes/src/model/random-forest';
import { createNodeOnnxRuntime } from '../../server/src/onnx/node-runtime';

const onnx = createNodeOnnxRuntime();
afterAll(() => onnx.close());

/** y follows x (and a little of plan); noise is noise. */
function data(n = 2000, seed = 3) {
  const random = createRandom(seed);
  const x = Array.from({ length: n }, () => random.next() * 4 - 2);
  const noise = Array.from({ length: n }, () => random.next());
  const plan = Array.from({ length: n }, () => (random.next() < 0.5 ? 'basic' : 'pro'));
  const y = x.map((v, i) => (v + (plan[i] === 'pro' ? 0.3 : 0) + 0.4 * (random.next() - 0.5) > 0 ? 'yes' : 'no'));
  const amount = x.map((v, i) => 3 * v + (noise[i] as number) * 0.01);
  return tableOf({ x, noise, plan, y, amount }, { y: 'category', plan: 'category' });
}

describe('model.explain with onnxruntime-node', () => {
  it('the informative feature matters, the noise does not; importances land in the ONNX card', async () => {
    const train = data();
    const { outputs: trained } = await runNode(logisticRegressionNode, {
      inputs: { table: train },
      config: { target: 'y', features: ['x', 'noise', 'plan'] },
    });
    const { outputs, logs } = await runNode(explainNode, {
      inputs: { model: trained.model, table: data(2000, 4) },
      config: { repeats: 5, partialDependence: ['x', 'plan'] },
      onnx,
    });
    const rows = Object.fromEntries(
      Array.from({ length: outputs.importance.numRows }, (_, i) => {
        const row = outputs.importance.get(i)?.toJSON() as { feature: string; importance_mean: number; importance_std: number };
        return [row.feature, row];
      }),
    );
    expect(rows.x?.importance_mean).toBeGreaterThan(0.3);
    expect(Math.abs(rows.noise?.importance_mean as number)).toBeLessThan(0.01);
    expect(rows.plan?.importance_mean).toBeGreaterThan(rows.noise?.importance_mean as number);
    const card = readModel(outputs.model.onnx).card;
    const importance = card.importance as { permutation: { metric: string; mean: Record<string, number> } };
    expect(importance.permutation.metric).toBe('accuracy');
    expect(importance.permutation.mean.x).toBeCloseTo(rows.x?.importance_mean as number, 12);
    expect(outputs.model.card.importance).toEqual(card.importance);
    const charts = outputs.chart.vconcat as { title?: string; hconcat?: { title: string }[] }[];
    expect(charts[0]?.title).toBe('Permutation importance (drop in accuracy)');
    expect(charts[1]?.hconcat?.map((c) => c.title)).toEqual(['Partial dependence on x', 'Partial dependence on plan']);
    // partial dependence on x rises with x for a positive coefficient
    const pd = (charts[1]?.hconcat?.[0] as unknown as { data?: { values: { x: number; y: number }[] } } | undefined)?.data?.values ?? [];
    expect(pd.length).toBeGreaterThan(10);
    expect(pd.at(-1)?.y as number).toBeGreaterThan((pd[0]?.y as number) + 0.5);
    expect(logs.at(-1)?.message).toMatch(/^Permutation importance \(5 repeats, accuracy/);
  });

  it('regressions measure the drop in R², and seeds repeat', async () => {
    const { outputs: trained } = await runNode(linearRegressionNode, {
      inputs: { table: data() },
      config: { target: 'amount', features: ['x', 'noise'] },
    });
    const run = () =>
      runNode(explainNode, { inputs: { model: trained.model, table: data(500, 9) }, config: { repeats: 3, seed: 7 }, onnx });
    const a = await run();
    const b = await run();
    const x = a.outputs.importance.get(0)?.toJSON() as { feature: string; importance_mean: number };
    expect(x.feature).toBe('x');
    expect(x.importance_mean).toBeGreaterThan(1.5);
    expect(a.outputs.model.card.importance).toEqual(b.outputs.model.card.importance);
  });

  it('refuses features the model does not have and metrics of another task, naming the field', () => {
    const model: ModelValue['card'] = {
      task: 'classification',
      features: [{ name: 'x', type: 'number' }],
      target: 'y',
      classes: ['a', 'b'],
    };
    const { issues } = inferNode(explainNode, {
      inputs: { model, table: { columns: [{ name: 'x', type: 'number', nullable: false }] } },
      config: { features: ['x', 'z'], partialDependence: ['q'], metric: 'r2' },
    });
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'config.features.1',
      'config.partialDependence.0',
      'config.metric',
      'config.target',
    ]);
  });

  it('a forest’s card carries impurity importance, reported beside permutation importance', async () => {
    const { outputs: trained } = await runNode(randomForestNode, {
      inputs: { table: data(600) },
      config: { target: 'y', features: ['x', 'noise'], trees: 10 },
    });
    const { outputs } = await runNode(explainNode, { inputs: { model: trained.model, table: data(300, 5) }, config: { repeats: 2 }, onnx });
    const rows = [0, 1].map((i) => outputs.importance.get(i)?.toJSON() as { feature: string; impurity_importance: number | null });
    expect(rows.map((r) => r.feature)).toEqual(['x', 'noise']);
    expect(rows[0]?.impurity_importance as number).toBeGreaterThan(rows[1]?.impurity_importance as number);
    expect((rows[0]?.impurity_importance as number) + (rows[1]?.impurity_importance as number)).toBeCloseTo(1, 9);
  });
});
