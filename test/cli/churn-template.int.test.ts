import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './run-cli';

const template = join(repoRoot, 'templates/churn-model.json');

// The churn template end to end on the real CLI: sample data → split → logistic regression (ONNX) →
// onnxruntime-node scoring → evaluation → model gate.
describe('the churn model template', { timeout: 120_000 }, () => {
  it('trains, scores, evaluates and passes its gate', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'causeway-churn-'));
    const result = await runCli(['run', template, '--out', join(folder, 'out')]);
    expect(result.code, result.stderr).toBe(0);
    const metrics = JSON.parse(await readFile(join(folder, 'out/evaluate.metrics.json'), 'utf8')) as { values: Record<string, number> };
    expect(metrics.values.rows).toBe(250);
    expect(metrics.values.auc).toBeGreaterThan(0.75);
    const report = JSON.parse(await readFile(join(folder, 'out/gate.report.json'), 'utf8')) as { passed: boolean };
    expect(report.passed).toBe(true);
    const onnx = await readFile(join(folder, 'out/gate.model.onnx'));
    expect(onnx.byteLength).toBeGreaterThan(1000);
  });

  it('blocks the model with a sentence when the gate does not hold', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'causeway-churn-'));
    const graph = JSON.parse(await readFile(template, 'utf8')) as { nodes: Array<{ id: string; config: Record<string, unknown> }> };
    const gate = graph.nodes.find((n) => n.id === 'gate');
    if (gate) gate.config.expression = 'auc >= 0.99';
    await writeFile(join(folder, 'graph.json'), JSON.stringify(graph));
    const result = await runCli(['run', 'graph.json'], { cwd: folder });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/MODEL_GATE_BLOCKED/);
    expect(result.stderr).toMatch(/Blocked: auc 0\.\d+ < 0\.99/);
  });
});
