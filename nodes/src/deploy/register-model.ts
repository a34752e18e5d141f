import { defineNode, port, type ReportValue, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { captureScoringPath } from './scoring-path/capture-scoring-path';
import { scoringPathCard } from './scoring-path/scoring-path-card';

const registered = z.object({ name: z.string(), version: z.number().int(), created: z.boolean() });

/** The gate's sentence: its summary, or the messages of the checks that failed. */
function gateReason(report: ReportValue): string {
  if (report.summary !== undefined && report.summary !== '') return report.summary;
  const failed = report.checks.filter((c) => !c.passed).map((c) => c.message);
  return failed.length > 0 ? failed.join('; ') : report.passed ? 'Passed.' : 'Blocked.';
}

/**
 * `deploy.register-model`: adds the model (ONNX file, card, metrics, gate verdict) as the next version
 * of a registered model, with the graph version and run that produced it. A side effect, so never
 * cached; once per run (a retry of the run answers with the version it registered). A gate verdict
 * that did not pass refuses with DEPLOY_BLOCKED. The row-wise nodes between the graph's raw inputs and
 * the training node are recorded as the version's scoring path (see docs/models.md); a node that is not
 * row-wise refuses with SCORING_PATH_UNSUPPORTED.
 */
export const registerModel = defineNode({
  type: 'deploy.register-model',
  version: 1,
  category: 'deploy',
  title: 'Register model',
  description: 'Register the model as a new version in the model registry, with its card, metrics and gate verdict.',
  runtime: 'server',
  effects: true,
  lineage: true,
  inputs: {
    model: port.model(),
    gate: port.report({ optional: true, description: 'The model gate’s report: a verdict that did not pass blocks registration.' }),
    metrics: port.metrics({ optional: true, description: 'Metrics to record (default: the ones in the model card).' }),
  },
  outputs: { registered: port.value(registered, { description: 'The model name and the version registered.' }) },
  config: z.object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'Use letters, digits, ".", "_" or "-" (up to 128), starting with a letter or digit.')
      .describe('The registered model’s name, e.g. churn.'),
    description: z.string().max(2_000).default('').describe('Shown in the registry when the name is first used.'),
  }),
  infer: () => ({}),
  run: async ({ inputs, config, ctx }) => {
    const gate = inputs.gate === undefined ? undefined : { passed: inputs.gate.passed, reason: gateReason(inputs.gate) };
    if (gate !== undefined && !gate.passed) {
      throw new UserError('DEPLOY_BLOCKED', `Model "${config.name}" was not registered because its gate did not pass: ${gate.reason}`, {
        details: { gate },
      });
    }
    // The engine gives effects nodes a key; without one a retry could not be recognised.
    const idempotencyKey = ctx.idempotencyKey ?? `${ctx.nodeId}:${config.name}`;
    const metrics = inputs.metrics?.values ?? inputs.model.card.metrics ?? {};
    const scoringPath = ctx.lineage === undefined ? undefined : await captureScoringPath(ctx.lineage, ctx.nodeId, inputs.model.card);
    const result = await ctx.models.register({
      name: config.name,
      ...(config.description === '' ? {} : { description: config.description }),
      onnx: inputs.model.onnx,
      card: scoringPath === undefined ? inputs.model.card : { ...inputs.model.card, scoringPath: scoringPathCard(scoringPath) },
      metrics,
      ...(scoringPath === undefined ? {} : { scoringPath }),
      ...(gate === undefined ? {} : { gate }),
      idempotencyKey,
    });
    ctx.log(
      'info',
      result.created
        ? `Registered "${result.name}" version ${result.version}.`
        : `"${result.name}" version ${result.version} was already registered by this run.`,
    );
    return { registered: result };
  },
});
