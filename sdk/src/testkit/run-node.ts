import type { z } from 'zod';
import { NodeRunError, UserError } from '../errors/errors';
import { formatIssue, type Issue } from '../errors/issue';
import type { FileStore, LogLevel, NodeContext, SecretStore } from '../node/context';
import type { InputValues, NodeDefinition, OutputValues, PortMap } from '../node/define-node';
import { type ExportStore, noExports } from '../node/export-store';
import { type HttpClient, noHttpClient } from '../node/http-client';
import { defaultInputLimits, type InputLimits } from '../node/input-limits';
import { type ModelRegistryClient, noModelRegistry } from '../node/model-registry-client';
import { type MonitoringClient, noMonitoring } from '../node/monitoring-client';
import { noOnnxRuntime, type OnnxRuntime } from '../node/onnx-runtime';
import type { PluginFetch } from '../node/plugin-fetch';
import { noSqlClient, type SqlClient } from '../node/sql-client';
import { inferredMismatch } from './check-inferred';
import { memoryFiles } from './memory-files';
import { memorySecrets } from './memory-secrets';
import { parseConfig } from './parse-config';

/**
 * A line a node logged while running under the test kit.
 *
 * @example
 * expect(logs).toContainEqual({ level: 'warn', message: '2 rows dropped' });
 */
export interface LoggedLine {
  level: LogLevel;
  message: string;
}

interface RunNodeCommon<I extends PortMap> {
  /** Input values by port id; a node without inputs may leave this out. */
  inputs: keyof I extends never ? InputValues<I> | undefined : InputValues<I>;
  secrets?: SecretStore;
  files?: FileStore;
  /** The model runtime `ctx.onnx` offers (default: none, every session fails with MODEL_RUNTIME_MISSING). */
  onnx?: OnnxRuntime;
  /** The URL fetcher `ctx.http` offers (default: none, every request fails with HTTP_CLIENT_MISSING). */
  http?: HttpClient;
  /** A plugin's `ctx.fetch`, e.g. {@link fakeFetch} (default: absent, as outside a server's sandbox). */
  fetch?: PluginFetch;
  /** The SQL runner `ctx.sql` offers (default: none, every query fails with SQL_CLIENT_MISSING). */
  sql?: SqlClient;
  /** The model registry `ctx.models` offers (default: none, every call fails with MODEL_REGISTRY_MISSING). */
  models?: ModelRegistryClient;
  /** The endpoint samples `ctx.monitoring` reads (default: none, every call fails with MONITORING_MISSING). */
  monitoring?: MonitoringClient;
  /** Where `ctx.exports` writes (default: none, every write fails with EXPORTS_MISSING). */
  exports?: ExportStore;
  /** Input limits `ctx.limits` offers; unset ones keep `defaultInputLimits`. */
  limits?: Partial<InputLimits>;
  signal?: AbortSignal;
  /** The node id `ctx.nodeId` reports (default `node`). */
  nodeId?: string;
  /**
   * Compare the table outputs with what `infer` says of them (default true). Turn off only to test
   * what `run` does when `infer` is knowingly incomplete (e.g. a user's partial column list).
   */
  checkInfer?: boolean;
}

/**
 * Options of {@link runNode}: a config in the current shape, or an older one with `fromVersion`.
 *
 * @example
 * await runNode(csvSource, { inputs: undefined, files: memoryFiles({ 'a.csv': 'x\n1\n' }), config: { file: 'a.csv' } })
 */
export type RunNodeOptions<I extends PortMap, S extends z.ZodType> = RunNodeCommon<I> &
  ({ config: z.input<S>; fromVersion?: undefined } | { config: unknown; fromVersion: number });

/**
 * What {@link runNode} returns: the checked outputs, the log lines and the progress reported.
 *
 * @example
 * const { outputs, logs, progress } = await runNode(filterRows, { inputs: { table }, config: { where: 'age > 30' } });
 */
export interface RunNodeResult<O extends PortMap> {
  outputs: OutputValues<O>;
  logs: LoggedLine[];
  progress: number[];
}

/** The issues of an invalid config as one `UserError('CONFIG_INVALID')`. */
function configError(type: string, issues: Issue[]): UserError {
  const lines = issues.map((issue) => `  ${formatIssue(issue)}`).join('\n');
  return new UserError('CONFIG_INVALID', `Invalid config for "${type}":\n${lines}`, { issues });
}

function checkInputs(definition: NodeDefinition<PortMap, PortMap, z.ZodType>, inputs: Record<string, unknown>): void {
  for (const [id, spec] of Object.entries(definition.inputs)) {
    const value = inputs[id];
    if (value === undefined) {
      if (!spec.optional && !spec.multiple) throw new UserError('PORT_INPUT_MISSING', `Input "${id}" of "${definition.type}" is missing.`);
      continue;
    }
    const values = spec.multiple && Array.isArray(value) ? value : [value];
    if (!values.every((v) => spec.check(v))) {
      throw new UserError('INPUT_INVALID', `Input "${id}" of "${definition.type}" is not a ${spec.kind}${spec.multiple ? ' list' : ''}.`);
    }
  }
}

/**
 * Runs one node the way the engine would: parses (and migrates) its config, checks its inputs,
 * calls `run` with a test context, then checks every output against its port and every table output
 * against what `infer` says of it, given the input tables' schemas (same columns in the same order,
 * same types, no nulls where `infer` promised none; outputs `infer` leaves out are not compared).
 * Throws `UserError('CONFIG_INVALID')` listing the issues of a bad config, and a
 * `NodeRunError` with code `PORT_VALUE_INVALID` naming the port (and column) of a bad output.
 *
 * @example
 * const { outputs, logs } = await runNode(selectColumns, {
 *   inputs: { table: tableOf({ age: [31, 40] }) },
 *   config: { columns: [{ name: 'age', as: 'years' }] },
 * });
 * expect(rowsOf(outputs.table)).toEqual([{ years: 31 }, { years: 40 }]);
 */
export async function runNode<I extends PortMap, O extends PortMap, S extends z.ZodType>(
  definition: NodeDefinition<I, O, S>,
  options: RunNodeOptions<I, S>,
): Promise<RunNodeResult<O>> {
  const parsed = parseConfig(definition, options.config, options.fromVersion);
  if (!parsed.ok) throw configError(definition.type, parsed.issues);
  const inputs = (options.inputs ?? {}) as InputValues<I>;
  checkInputs(definition as unknown as NodeDefinition<PortMap, PortMap, z.ZodType>, inputs);
  const logs: LoggedLine[] = [];
  const progress: number[] = [];
  const nodeId = options.nodeId ?? 'node';
  const ctx: NodeContext = {
    nodeId,
    signal: options.signal ?? new AbortController().signal,
    log: (level, message) => logs.push({ level, message }),
    progress: (fraction) => progress.push(Math.min(1, Math.max(0, fraction))),
    secrets: options.secrets ?? memorySecrets({}),
    files: options.files ?? memoryFiles({}),
    onnx: options.onnx ?? noOnnxRuntime,
    http: options.http ?? noHttpClient,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    sql: options.sql ?? noSqlClient,
    models: options.models ?? noModelRegistry,
    monitoring: options.monitoring ?? noMonitoring,
    limits: { ...defaultInputLimits, ...options.limits },
    exports: options.exports ?? noExports,
    // Effects nodes get a key as the engine gives them: `run:node`.
    ...(definition.effects === true ? { idempotencyKey: `test:${nodeId}` } : {}),
  };
  const outputs = await definition.run({ inputs, config: parsed.value, ctx });
  for (const [id, spec] of Object.entries(definition.outputs)) {
    const value: unknown = (outputs as Record<string, unknown>)[id];
    if (value === undefined || !spec.check(value)) {
      const cause = new Error(`output "${id}" is ${value === undefined ? 'missing' : `not a valid ${spec.kind}`}`);
      throw new NodeRunError(nodeId, cause, 'PORT_VALUE_INVALID');
    }
  }
  const mismatch =
    options.checkInfer === false ? undefined : inferredMismatch(definition, parsed.value, inputs, outputs as Record<string, unknown>);
  if (mismatch !== undefined) throw new NodeRunError(nodeId, new Error(mismatch), 'PORT_VALUE_INVALID');
  return { outputs, logs, progress };
}
