import { columnOf, defineNode, port, type ReportCheck, UserError } from '@causeway/sdk';
import { z } from 'zod';
import { type FeatureStats, featureStats } from '../ml/onnx/feature-stats';
import { featureDrift, sortedNumbers } from './feature-drift';
import { reportOf, stopOnFailure } from './report-of';

function isStats(value: unknown): value is FeatureStats {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === 'numeric' ? typeof (value as { histogram?: unknown }).histogram === 'object' : kind === 'categorical';
}

/**
 * `validate.drift`: PSI and KS per feature between a table and a reference — another table, or the
 * training statistics in a model's card. A feature drifts when PSI or KS is above its threshold.
 */
export const drift = defineNode({
  type: 'validate.drift',
  version: 1,
  category: 'validate',
  title: 'Drift',
  description: 'Compare a table with a reference table or a model’s training statistics (PSI and KS per feature).',
  inputs: {
    table: port.table({ description: 'Current data.' }),
    reference: port.table({ optional: true, description: 'Reference data, e.g. the training set.' }),
    model: port.model({ optional: true, description: 'Compare with the training statistics in its card instead.' }),
  },
  outputs: { table: port.table(), report: port.report() },
  config: z.object({
    columns: z
      .array(z.string().min(1))
      .max(1000)
      .default([])
      .describe('Features to compare; empty: every shared feature.')
      .meta({ ui: 'columns' }),
    psiThreshold: z.number().positive().default(0.2).describe('PSI above this is drift (0.1 moderate, 0.2 significant).'),
    ksThreshold: z.number().positive().max(1).default(0.1).describe('KS statistic above this is drift (numeric features).'),
    stopOnFailure: z.boolean().default(false),
  }),
  infer: ({ inputs }) => ({ ...(inputs.table ? { table: inputs.table } : {}), report: {} }),
  run: ({ inputs, config }) => {
    const { table, reference, model } = inputs;
    if (!reference && !model) throw new UserError('PORT_INPUT_MISSING', 'Connect a reference table or a model to compare with.');
    const limits = { psi: config.psiThreshold, ks: config.ksThreshold };
    const present = new Set(table.schema.fields.map((f) => f.name));
    const candidates = reference ? reference.schema.fields.map((f) => f.name) : (model?.card.features ?? []).map((f) => f.name);
    const names = config.columns.length > 0 ? config.columns : candidates.filter((n) => present.has(n));
    const checks: ReportCheck[] = names.map((name) => {
      if (!present.has(name)) return { name: `${name} drift`, passed: false, message: 'missing from the table' };
      const current = columnOf(table, name);
      if (reference) {
        if (!reference.schema.fields.some((f) => f.name === name))
          return { name: `${name} drift`, passed: false, message: 'missing from the reference' };
        const { stats } = featureStats(reference, name);
        const sorted = stats.kind === 'numeric' ? sortedNumbers(columnOf(reference, name)) : undefined;
        return featureDrift(name, stats, current, limits, sorted);
      }
      const stats = model?.card.features.find((f) => f.name === name)?.stats;
      if (!isStats(stats)) return { name: `${name} drift`, passed: false, message: 'the model card has no training statistics for it' };
      return featureDrift(name, stats, current, limits);
    });
    const report = reportOf(checks, 'Drift');
    stopOnFailure(report, config.stopOnFailure);
    return { table, report };
  },
});
