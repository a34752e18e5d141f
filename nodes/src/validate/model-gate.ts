import { defineNode, expression, port, type ReportValue, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { checkExpression } from '../shared/check-expression';
import { gateChecks } from './gate-terms';

/**
 * `validate.model-gate`: passes the model on only when metric conditions hold, e.g.
 * `auc >= 0.85 and auc >= baseline.auc - 0.01`. Names are the current metrics; `baseline.<name>` reads
 * the optional baseline metrics (e.g. the production model's). With no baseline connected (a first
 * run), each top-level `and` term that reads `baseline.*` is treated as satisfied and says so in the
 * report. A blocked gate fails the node with MODEL_GATE_BLOCKED, so nothing downstream (deploy) runs.
 */
export const modelGate = defineNode({
  type: 'validate.model-gate',
  version: 1,
  category: 'validate',
  title: 'Model gate',
  description: 'Pass the model on only when its metrics meet conditions, optionally against a baseline.',
  inputs: {
    metrics: port.metrics({ description: 'Metrics of the candidate model.' }),
    baseline: port.metrics({ optional: true, description: 'Metrics to compare with, e.g. the production model’s.' }),
    model: port.model(),
  },
  outputs: { model: port.model(), report: port.report() },
  config: z.object({
    expression: expression({ returns: 'boolean', placeholder: 'auc >= 0.85 and auc >= baseline.auc - 0.01' }).describe(
      'Conditions on metric names; baseline.<name> reads the baseline. Terms on baseline.* pass when no baseline is connected.',
    ),
  }),
  infer: ({ inputs, config, issue }) => {
    // Metric names are known only when the metrics arrive, so design time checks the syntax.
    checkExpression(config.expression, undefined, ['expression'], issue);
    return { ...(inputs.model ? { model: inputs.model } : {}), report: {} };
  },
  run: ({ inputs, config }) => {
    const baseline = inputs.baseline?.values;
    const result = gateChecks(config.expression, inputs.metrics.values, baseline);
    if (!result.ok) {
      throw new UserError('EXPRESSION_INVALID', `The gate expression is invalid: ${result.issues.map((i) => i.message).join('; ')}`, {
        issues: result.issues,
      });
    }
    const failed = result.checks.filter((c) => !c.passed);
    const skipped = result.checks.filter((c) => c.details?.skipped === true).length;
    const report: ReportValue = {
      passed: failed.length === 0,
      checks: result.checks,
      summary:
        failed.length === 0
          ? `Passed: ${result.checks.length} condition${result.checks.length === 1 ? '' : 's'} held${skipped > 0 ? ` (${skipped} on the baseline skipped: no baseline yet)` : ''}.`
          : `Blocked: ${failed.map((c) => c.message).join('; ')}.`,
    };
    if (!report.passed) throw new UserError('MODEL_GATE_BLOCKED', report.summary ?? 'Blocked.', { details: { report } });
    return { model: inputs.model, report };
  },
});
