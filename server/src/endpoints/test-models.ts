import { logisticRegressionNode, randomForestNode } from '@causeway/nodes';
import type { ModelValue } from '@causeway/sdk';
import { runNode, tableOf } from '@causeway/sdk/testkit';
import type { Table } from 'apache-arrow';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import { ModelRegistry } from '../models/model-registry';

/** Churn-like rows: a number, an integer, a boolean and a text feature; `churn` is yes/no. */
export function churnTable(n: number, seed: number): Table {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const plans = ['basic', 'plus', 'pro'];
  const cols = { age: [] as number[], visits: [] as number[], member: [] as boolean[], plan: [] as string[], churn: [] as string[] };
  for (let i = 0; i < n; i++) {
    const age = Math.round((18 + next() * 60) * 10) / 10;
    const visits = Math.floor(next() * 30);
    const member = next() < 0.4;
    const plan = plans[Math.floor(next() * 3)] as string;
    const score =
      (age - 45) / 12 - (visits - 15) / 8 + (plan === 'basic' ? 0.8 : plan === 'pro' ? -0.8 : 0) + (member ? -0.5 : 0) + next() - 0.5;
    cols.age.push(age);
    cols.visits.push(visits);
    cols.member.push(member);
    cols.plan.push(plan);
    cols.churn.push(score > 0 ? 'yes' : 'no');
  }
  return tableOf(cols);
}

/** Two real trained models of the same features: a logistic regression and a random forest. */
export async function trainChurnModels(): Promise<{ logistic: ModelValue; forest: ModelValue }> {
  const table = churnTable(800, 7);
  const features = ['age', 'visits', 'member', 'plan'];
  const logistic = await runNode(logisticRegressionNode, { inputs: { table }, config: { target: 'churn', features } });
  const forest = await runNode(randomForestNode, { inputs: { table }, config: { target: 'churn', features, trees: 15, seed: 3 } });
  return { logistic: logistic.outputs.model, forest: forest.outputs.model };
}

/** Registers the next version of a model through the registry, as the deploy node does. */
export async function registerVersion(
  db: Kysely<Database>,
  artifacts: ArtifactStore,
  input: { name: string; model: ModelValue; gate: { passed: boolean; reason: string } | undefined },
): Promise<number> {
  const registry = new ModelRegistry(db, artifacts);
  const { version } = await registry.register({
    name: input.name,
    onnx: input.model.onnx,
    card: input.model.card,
    metrics: input.model.card.metrics ?? {},
    gate: input.gate,
    createdBy: 'test',
  });
  return version;
}
