import type { Table } from 'apache-arrow';
import { z } from 'zod';
import { tableSchemaOf } from './arrow-schema';
import type { TableSchema } from './table-schema';
import type { ChartValue, MetricsValue, ModelValue, PortDescriptors, ReportValue } from './values';

/**
 * The closed set of port kinds.
 *
 * @example
 * const kind: PortKind = 'model';
 */
export type PortKind = 'table' | 'model' | 'metrics' | 'report' | 'chart' | 'value';

/**
 * All port kinds.
 *
 * @example
 * portKinds.includes('table') // true
 */
export const portKinds: readonly PortKind[] = ['table', 'model', 'metrics', 'report', 'chart', 'value'];

/**
 * A short, serializable description of an output value, for events and run histories.
 *
 * @example
 * const summary: OutputSummary = { kind: 'metrics', values: { auc: 0.91 } };
 */
export type OutputSummary =
  | { kind: 'table'; rows: number; schema: TableSchema }
  | { kind: 'model'; task: string; features: number; bytes: number }
  | { kind: 'metrics'; values: Record<string, number> }
  | { kind: 'report'; passed: boolean; checks: number; failed: number }
  | { kind: 'chart' }
  | { kind: 'value'; preview: string };

/**
 * A port on a node: its kind, whether it is optional or takes several edges, a runtime check of
 * its value and a summary for events. Build ports with {@link port}.
 *
 * @example
 * const spec: PortSpec = port.table({ optional: true }); spec.check(table) // true
 */
export interface PortSpec<K extends PortKind = PortKind, V = unknown, Opt extends boolean = boolean, Multi extends boolean = boolean> {
  readonly kind: K;
  readonly optional: Opt;
  readonly multiple: Multi;
  readonly description: string | undefined;
  /** True when a value is of this port's kind (run-time check of node outputs). */
  readonly check: (value: unknown) => boolean;
  // A method, not a function property, so a PortSpec<'table', Table> is still a PortSpec (bivariant parameter).
  summarize(value: V): OutputSummary;
  /** For `value` ports: the zod schema of the value. */
  readonly schema?: z.ZodType;
  /** Type-level only: the run-time value. */
  readonly __value?: V;
}

/**
 * Options for an input port.
 *
 * @example
 * port.table({ optional: true, description: 'Rows to score' } satisfies PortOptions)
 */
export interface PortOptions {
  /** An optional input may be left unconnected; `run` then receives `undefined`. */
  optional?: boolean;
  /** A multiple input takes any number of edges; `run` receives an array in edge order. */
  multiple?: boolean;
  description?: string;
}

type Flag<T> = T extends true ? true : false;

/**
 * Builds ports of one kind. Overloads rather than defaulted generics, so the flags come from the
 * options written, never from the contextual type of the surrounding `inputs` object.
 *
 * @example
 * const tables: PortFactory<'table', Table> = port.table; tables({ multiple: true });
 */
export interface PortFactory<K extends PortKind, V> {
  (): PortSpec<K, V, false, false>;
  <const O extends PortOptions>(options: O): PortSpec<K, V, Flag<O['optional']>, Flag<O['multiple']>>;
}

/**
 * Builds `value` ports from a zod schema.
 *
 * @example
 * const threshold = port.value(z.number().min(0).max(1), { description: 'Decision threshold' });
 */
export interface ValuePortFactory {
  <S extends z.ZodType>(schema: S): PortSpec<'value', z.output<S>, false, false>;
  <S extends z.ZodType, const O extends PortOptions>(
    schema: S,
    options: O,
  ): PortSpec<'value', z.output<S>, Flag<O['optional']>, Flag<O['multiple']>>;
}

/**
 * The run-time value type of a port.
 *
 * @example
 * type Threshold = PortValue<typeof outputs.threshold>; // number
 */
export type PortValue<P> = P extends PortSpec<PortKind, infer V> ? V : never;

/**
 * The design-time descriptor type of a port.
 *
 * @example
 * type Schema = PortDescriptor<PortSpec<'table'>>; // TableSchema
 */
export type PortDescriptor<P> = P extends PortSpec<infer K> ? PortDescriptors[K] : never;

/**
 * Whether an output of kind `from` may feed an input of kind `to`.
 *
 * @example
 * arePortsCompatible(port.table(), port.table({ optional: true })) // true
 */
export function arePortsCompatible(from: PortSpec, to: PortSpec): boolean {
  return from.kind === to.kind;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Arrow tables are checked by shape, so a table from another copy of apache-arrow still passes.
 *
 * @example
 * if (!isArrowTable(value)) throw new UserError('INPUT_INVALID', 'Expected a table.');
 */
export function isArrowTable(value: unknown): value is Table {
  return isObject(value) && typeof value.numRows === 'number' && isObject(value.schema) && typeof value.getChild === 'function';
}

function isModel(value: unknown): value is ModelValue {
  return isObject(value) && value.onnx instanceof Uint8Array && isObject(value.card) && typeof value.card.task === 'string';
}

function isMetrics(value: unknown): value is MetricsValue {
  return isObject(value) && isObject(value.values) && Object.values(value.values).every((n) => typeof n === 'number');
}

function isReport(value: unknown): value is ReportValue {
  return isObject(value) && typeof value.passed === 'boolean' && Array.isArray(value.checks);
}

function make<K extends PortKind, V>(
  kind: K,
  check: (value: unknown) => boolean,
  summarize: (value: V) => OutputSummary,
  options: PortOptions | undefined,
  schema?: z.ZodType,
): PortSpec<K, V> {
  return {
    kind,
    optional: options?.optional ?? false,
    multiple: options?.multiple ?? false,
    description: options?.description,
    check,
    summarize,
    ...(schema ? { schema } : {}),
  };
}

function factory<K extends PortKind, V>(
  kind: K,
  check: (value: unknown) => boolean,
  summarize: (value: V) => OutputSummary,
): PortFactory<K, V> {
  // The overloads only narrow the flags' types; the object built is the same.
  return ((options?: PortOptions) => make(kind, check, summarize, options)) as PortFactory<K, V>;
}

function previewJson(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * Port constructors, one per kind.
 *
 * @example
 * const inputs = { table: port.table(), extra: port.table({ optional: true }), parts: port.table({ multiple: true }) };
 * const outputs = { model: port.model(), threshold: port.value(z.number()) };
 */
export const port = {
  table: factory<'table', Table>('table', isArrowTable, (t) => ({ kind: 'table', rows: t.numRows, schema: tableSchemaOf(t) })),
  model: factory<'model', ModelValue>('model', isModel, (m) => ({
    kind: 'model',
    task: m.card.task,
    features: m.card.features.length,
    bytes: m.onnx.byteLength,
  })),
  metrics: factory<'metrics', MetricsValue>('metrics', isMetrics, (m) => ({ kind: 'metrics', values: m.values })),
  report: factory<'report', ReportValue>('report', isReport, (r) => ({
    kind: 'report',
    passed: r.passed,
    checks: r.checks.length,
    failed: r.checks.filter((c) => !c.passed).length,
  })),
  chart: factory<'chart', ChartValue>('chart', isObject, () => ({ kind: 'chart' })),
  value: ((schema: z.ZodType, options?: PortOptions) =>
    make(
      'value',
      (v) => schema.safeParse(v).success,
      (v) => ({ kind: 'value', preview: previewJson(v) }),
      options,
      schema,
    )) as ValuePortFactory,
};

const valueDescriptors = new WeakMap<z.ZodType, PortDescriptors['value']>();

/**
 * The design-time descriptor of a `value` port: the JSON Schema of its zod schema, worked out once per schema.
 *
 * @example
 * valueDescriptor(port.value(z.number()))?.jsonSchema // { type: 'number', … }
 */
export function valueDescriptor(spec: PortSpec): PortDescriptors['value'] | undefined {
  if (!spec.schema) return undefined;
  let descriptor = valueDescriptors.get(spec.schema);
  if (!descriptor) {
    descriptor = { jsonSchema: z.toJSONSchema(spec.schema, { unrepresentable: 'any' }) as Record<string, unknown> };
    valueDescriptors.set(spec.schema, descriptor);
  }
  return descriptor;
}
