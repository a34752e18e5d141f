import {
  type AnyNodeDefinition,
  defaultInputLimits,
  type NodeContext,
  noExports,
  noHttpClient,
  noModelRegistry,
  noMonitoring,
  noOnnxRuntime,
  noSqlClient,
  type ScoringPath,
  UserError,
} from '@causeway/sdk';
import type { Table } from 'apache-arrow';
import { rowWiseSteps } from './scoring-steps';

const unavailable = (what: string) => () => Promise.reject(new UserError('INPUT_INVALID', `A scoring step cannot read ${what}.`));

/** The context a scoring step runs with: row-wise nodes need no services, never abort and report nothing. */
const stepContext = (nodeId: string): NodeContext => ({
  nodeId,
  signal: new AbortController().signal,
  log: () => {},
  progress: () => {},
  secrets: { get: unavailable('secrets') },
  files: { read: unavailable('files'), fingerprint: unavailable('files') },
  onnx: noOnnxRuntime,
  http: noHttpClient,
  sql: noSqlClient,
  models: noModelRegistry,
  monitoring: noMonitoring,
  exports: noExports,
  limits: defaultInputLimits,
});

interface CompiledStep {
  definition: AnyNodeDefinition;
  config: unknown;
  fitted: unknown;
  ctx: NodeContext;
}

/** A scoring path ready to apply: raw table in, the model's feature table out. */
export type ScoringPipeline = (table: Table) => Promise<Table>;

/**
 * Prepares a stored scoring path once (configs parsed by each node type's own schema), then applies it
 * by running the same node implementations the graph ran, with the states they fitted.
 *
 * @example
 * const features = await compileScoringPath(path)(rawTable);
 */
export function compileScoringPath(path: ScoringPath): ScoringPipeline {
  const steps: CompiledStep[] = path.steps.map((step) => {
    const definition = rowWiseSteps.get(step.type);
    if (definition === undefined || definition.version !== step.version) {
      throw new UserError(
        'SCORING_PATH_UNSUPPORTED',
        `Scoring step "${step.node}" is a ${step.type} version ${step.version}, which cannot be served.`,
        {
          details: { node: step.node, type: step.type },
        },
      );
    }
    return { definition, config: definition.config.parse(step.config), fitted: step.fitted, ctx: stepContext(step.node) };
  });
  return async (table) => {
    let current = table;
    for (const step of steps) {
      const inputs = step.fitted === undefined ? { table: current } : { table: current, fitted: step.fitted };
      const out = step.definition.run({ inputs, config: step.config, ctx: step.ctx }) as { table: Table } | Promise<{ table: Table }>;
      current = (out instanceof Promise ? await out : out).table;
    }
    return current;
  };
}
