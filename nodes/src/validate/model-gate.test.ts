import { type ModelValue, UserError } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { modelGate } from './model-gate';

const model: ModelValue = { onnx: Uint8Array.of(1, 2, 3), card: { task: 'classification', features: [{ name: 'x', type: 'number' }] } };
const gate = 'auc >= 0.85 and auc >= baseline.auc - 0.01';

async function blocked(run: Promise<unknown>): Promise<UserError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe('validate.model-gate', () => {
  it('passes the model on when every term holds against the baseline', async () => {
    const { outputs } = await runNode(modelGate, {
      inputs: { metrics: { values: { auc: 0.9 } }, baseline: { values: { auc: 0.905 } }, model },
      config: { expression: gate },
    });
    expect(outputs.model).toBe(model);
    expect(outputs.report.passed).toBe(true);
    expect(outputs.report.checks.map((c) => [c.name, c.passed])).toEqual([
      ['auc >= 0.85', true],
      ['auc >= baseline.auc - 0.01', true],
    ]);
  });

  it('blocks with a sentence naming the values when a threshold fails', async () => {
    const error = await blocked(
      runNode(modelGate, { inputs: { metrics: { values: { auc: 0.81 } }, baseline: undefined, model }, config: { expression: gate } }),
    );
    expect(error.code).toBe('MODEL_GATE_BLOCKED');
    expect(error.message).toBe('Blocked: auc 0.81 < 0.85.');
    const report = error.details.report as { passed: boolean; checks: { passed: boolean }[] };
    expect(report.passed).toBe(false);
    expect(report.checks.map((c) => c.passed)).toEqual([false, true]);
  });

  it('blocks when the candidate is worse than the baseline beyond the tolerance', async () => {
    const error = await blocked(
      runNode(modelGate, {
        inputs: { metrics: { values: { auc: 0.86 } }, baseline: { values: { auc: 0.9 } }, model },
        config: { expression: gate },
      }),
    );
    expect(error.message).toBe('Blocked: auc 0.86 < 0.89 (baseline.auc - 0.01).');
  });

  it('treats baseline terms as satisfied on a first run and says so', async () => {
    const { outputs } = await runNode(modelGate, {
      inputs: { metrics: { values: { auc: 0.9 } }, baseline: undefined, model },
      config: { expression: gate },
    });
    expect(outputs.report.passed).toBe(true);
    expect(outputs.report.checks[1]?.details).toEqual({ skipped: true });
    expect(outputs.report.summary).toContain('no baseline yet');
  });

  it('on a first run skips whole top-level terms that read the baseline, and still checks the others', async () => {
    const inputs = { metrics: { values: { auc: 0.7, f1: 0.5 } }, baseline: undefined, model };
    const { outputs } = await runNode(modelGate, { inputs, config: { expression: 'f1 > 0.4 and (f1 > 0.6 or auc >= baseline.auc)' } });
    expect(outputs.report.checks.map((c) => [c.passed, c.details?.skipped ?? false])).toEqual([
      [true, false],
      [true, true],
    ]);
    const error = await blocked(runNode(modelGate, { inputs, config: { expression: 'f1 > 0.6 and auc >= baseline.auc' } }));
    expect(error.message).toBe('Blocked: f1 0.5 ≤ 0.6.');
  });

  it('reports an unknown metric or a non-condition as an invalid expression', async () => {
    const unknown = await blocked(
      runNode(modelGate, {
        inputs: { metrics: { values: { auc: 0.9 } }, baseline: undefined, model },
        config: { expression: 'acu > 0.8' },
      }),
    );
    expect(unknown.code).toBe('EXPRESSION_INVALID');
    expect(unknown.message).toContain('auc');
    const numeric = await blocked(
      runNode(modelGate, { inputs: { metrics: { values: { auc: 0.9 } }, baseline: undefined, model }, config: { expression: 'auc + 1' } }),
    );
    expect(numeric.code).toBe('EXPRESSION_INVALID');
  });

  it('blocks when a metric the gate compares is missing from the baseline', async () => {
    const error = await blocked(
      runNode(modelGate, {
        inputs: { metrics: { values: { auc: 0.9, f1: 0.8 } }, baseline: { values: { auc: 0.8 } }, model },
        config: { expression: 'f1 >= baseline.f1' },
      }),
    );
    expect(error.message).toContain('baseline.f1 is missing');
  });
});
