import { type ModelValue, seededRandom, UserError } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { buildModelCard } from '../ml/onnx/model-card';
import { drift } from './drift';

function sample(n: number, seed: number, shift: number, colours: readonly string[]) {
  const next = seededRandom(seed);
  const x = Array.from({ length: n }, () => next() * 10 + shift);
  const colour = Array.from({ length: n }, () => colours[Math.floor(next() * colours.length)] as string);
  return tableOf({ x, colour }, { x: 'number', colour: 'category' });
}

const train = sample(2000, 1, 0, ['red', 'green', 'blue']);
const same = sample(2000, 2, 0, ['red', 'green', 'blue']);
const moved = sample(2000, 3, 3, ['red', 'red', 'red', 'green', 'blue']);
const model: ModelValue = {
  onnx: Uint8Array.of(0),
  card: buildModelCard({ task: 'regression', model: 'linear-regression', table: train, features: ['x', 'colour'] }),
};

const byName = (checks: { name: string; passed: boolean; details?: Record<string, unknown> }[]) =>
  Object.fromEntries(checks.map((c) => [c.name, c]));

describe('validate.drift', () => {
  it('finds no drift between two samples of one distribution, against a table or a card', async () => {
    for (const inputs of [
      { table: same, reference: train, model: undefined },
      { table: same, reference: undefined, model },
    ]) {
      const { outputs } = await runNode(drift, { inputs, config: {} });
      expect(outputs.report.passed).toBe(true);
      expect(outputs.report.checks.map((c) => c.name)).toEqual(['x drift', 'colour drift']);
      expect(outputs.table).toBe(same);
    }
  });

  it('is exactly zero for a table against itself', async () => {
    const { outputs } = await runNode(drift, { inputs: { table: train, reference: train, model: undefined }, config: {} });
    const checks = byName(outputs.report.checks);
    expect(checks['x drift']?.details).toMatchObject({ psi: 0, ks: 0 });
    expect(checks['colour drift']?.details).toMatchObject({ psi: 0 });
  });

  it('flags a shifted number and a changed category mix, with PSI and KS in the message', async () => {
    for (const inputs of [
      { table: moved, reference: train, model: undefined },
      { table: moved, reference: undefined, model },
    ]) {
      const { outputs } = await runNode(drift, { inputs, config: {} });
      const checks = byName(outputs.report.checks);
      expect(outputs.report.passed).toBe(false);
      expect(checks['x drift']?.passed).toBe(false);
      expect((checks['x drift']?.details?.ks as number) > 0.25).toBe(true);
      expect(checks['colour drift']?.passed).toBe(false);
      expect(outputs.report.summary).toMatch(/^Drift: 2 of 2 checks failed: x drift \(drifted: PSI [\d.]+ > 0.2, KS [\d.]+ > 0.1\)/);
    }
  });

  it('respects the thresholds it is given', async () => {
    const { outputs } = await runNode(drift, {
      inputs: { table: moved, reference: train, model: undefined },
      config: { columns: ['colour'], psiThreshold: 5 },
    });
    expect(outputs.report.passed).toBe(true);
  });

  it('fails clearly without a reference, and reports missing columns and statistics', async () => {
    await expect(runNode(drift, { inputs: { table: same, reference: undefined, model: undefined }, config: {} })).rejects.toBeInstanceOf(
      UserError,
    );
    const bare: ModelValue = { onnx: Uint8Array.of(0), card: { task: 'regression', features: [{ name: 'x', type: 'number' }] } };
    const { outputs } = await runNode(drift, {
      inputs: { table: same, reference: undefined, model: bare },
      config: { columns: ['x', 'y'] },
    });
    expect(outputs.report.checks.map((c) => [c.passed, c.message])).toEqual([
      [false, 'the model card has no training statistics for it'],
      [false, 'missing from the table'],
    ]);
    await expect(
      runNode(drift, { inputs: { table: moved, reference: train, model: undefined }, config: { stopOnFailure: true } }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
