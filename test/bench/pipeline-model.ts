import { compileScoringPath, dateParts, deriveColumns, imputeNulls, logisticRegressionNode, scaleColumns } from '@causeway/nodes';
import { type AnyNodeDefinition, type ModelValue, type ScoringPath, type ScoringStep, tableSchemaOf } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import { churnTable } from '../../server/src/endpoints/test-models';

/**
 * A churn model behind a scoring path of four row-wise nodes (date parts, derive, impute, scale), as
 * registering it from a graph records them: the raw row an endpoint takes, and the feature row the
 * bare model takes for the same prediction.
 */
export async function pipelineChurnModel(): Promise<{
  model: ModelValue;
  path: ScoringPath;
  rawRow: Record<string, unknown>;
  featureRow: Record<string, unknown>;
}> {
  const base = churnTable(800, 7);
  const columns = Object.fromEntries(base.schema.fields.map((f) => [f.name, base.getChild(f.name)?.toArray() as unknown[]]));
  const day = 86_400_000;
  columns.signup = Array.from({ length: base.numRows }, (_, i) => new Date(Date.UTC(2023, 0, 1) + ((i * 37) % 700) * day));
  columns.plan = Array.from({ length: base.numRows }, (_, i) => String(base.getChild('plan')?.get(i)));
  columns.member = Array.from({ length: base.numRows }, (_, i) => Boolean(base.getChild('member')?.get(i)));
  const raw = tableOf(columns as Record<string, Array<number | string | boolean | Date>>);
  const steps: ScoringStep[] = [];
  let table: Table = raw;
  const apply = async (node: string, definition: AnyNodeDefinition, config: Record<string, unknown>) => {
    const { outputs } = await runNode(definition, { inputs: { table }, config });
    const parsed = definition.config.parse(config);
    steps.push({
      node,
      type: definition.type,
      version: definition.version,
      config: parsed,
      ...('fitted' in outputs ? { fitted: outputs.fitted } : {}),
    });
    table = outputs.table as Table;
  };
  await apply('parts', dateParts, { column: 'signup', parts: ['month'], prefix: '' });
  await apply('yearly', deriveColumns, { columns: [{ name: 'visits_per_year', expression: 'visits * 12' }] });
  await apply('fill', imputeNulls, { columns: ['age'], strategy: 'median' });
  await apply('scale', scaleColumns, { columns: ['age', 'visits', 'visits_per_year'], method: 'standard' });
  const features = ['age', 'visits', 'member', 'plan', 'month', 'visits_per_year'];
  const trained = await runNode(logisticRegressionNode, { inputs: { table }, config: { target: 'churn', features } });
  const model = trained.outputs.model;
  const schema = tableSchemaOf(raw).columns;
  const path: ScoringPath = {
    inputs: schema.filter((c) => c.name !== 'churn'),
    fill: schema.filter((c) => c.name === 'churn'),
    steps,
    skipped: [],
    inOnnx: false,
  };
  const rawRow = { age: 47.5, visits: 12, member: true, plan: 'plus', signup: '2024-03-05' };
  const one = await compileScoringPath(path)(
    tableOf({ age: [47.5], visits: [12], member: [true], plan: ['plus'], signup: [new Date('2024-03-05')], churn: ['no'] }),
  );
  const featureRow = Object.fromEntries(features.map((f) => [f, one.getChild(f)?.get(0)]));
  return { model, path, rawRow, featureRow };
}
