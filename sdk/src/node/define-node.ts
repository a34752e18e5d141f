import type { z } from 'zod';
import type { ErrorCode } from '../errors/catalog';
import type { PortDescriptor, PortSpec, PortValue } from '../ports/port';
import type { TableSchema } from '../ports/table-schema';
import type { NodeContext } from './context';

/**
 * Categories the palette groups node types by.
 *
 * @example
 * const category: NodeCategory = 'plugin';
 */
export type NodeCategory = 'source' | 'transform' | 'model' | 'validate' | 'visualize' | 'deploy' | 'plugin';

/**
 * A record of named ports. Keys are port ids.
 *
 * @example
 * const inputs = { train: port.table(), test: port.table({ optional: true }) } satisfies PortMap;
 */
export type PortMap = Record<string, PortSpec>;

type ValueFor<P> =
  P extends PortSpec<infer _K, infer V, infer Opt, infer Multi> ? (Multi extends true ? V[] : Opt extends true ? V | undefined : V) : never;

type DescriptorFor<P> =
  P extends PortSpec<infer _K, infer _V, infer _Opt, infer Multi>
    ? Multi extends true
      ? Array<PortDescriptor<P> | undefined>
      : PortDescriptor<P> | undefined
    : never;

// Multiple inputs always receive an array (empty when unconnected), so only single optional inputs may be left out.
type OptionalKeys<I extends PortMap> = { [K in keyof I]: I[K] extends PortSpec<infer _K, infer _V, true, false> ? K : never }[keyof I];
type Flatten<T> = { [K in keyof T]: T[K] } & {};

/**
 * The values `run` receives, by input port id; optional single inputs may be left out.
 *
 * @example
 * type In = InputValues<{ table: PortSpec<'table', Table, false, false> }>; // { table: Table }
 */
export type InputValues<I extends PortMap> = Flatten<
  { [K in Exclude<keyof I, OptionalKeys<I>>]: ValueFor<I[K]> } & { [K in OptionalKeys<I>]?: ValueFor<I[K]> }
>;
/**
 * The values `run` must return, by output port id.
 *
 * @example
 * const outputs: OutputValues<typeof filterRows.outputs> = { table };
 */
export type OutputValues<O extends PortMap> = { [K in keyof O]: PortValue<O[K]> };
/**
 * The design-time descriptors `infer` receives; `undefined` where not yet known.
 *
 * @example
 * const schema = args.inputs.table; // TableSchema | undefined in infer
 */
export type InputDescriptors<I extends PortMap> = { [K in keyof I]: DescriptorFor<I[K]> };
/**
 * The descriptors `infer` returns; leave a port out when it cannot be known before running.
 *
 * @example
 * infer: ({ inputs }) => ({ table: inputs.table }) // an OutputDescriptors value
 */
export type OutputDescriptors<O extends PortMap> = { [K in keyof O]?: PortDescriptor<O[K]> };

/**
 * What the host knows about files before anything runs: the schema read from a file when it was
 * uploaded or added to the editor (or observed by the last run that read it).
 *
 * @example
 * infer: ({ config, files }) => { const schema = files?.schemaOf(config.file); return schema ? { table: schema } : {}; }
 */
export interface DesignFiles {
  /** The columns of a file as the CSV reader infers them with default options; undefined when unknown. */
  schemaOf(name: string): TableSchema | undefined;
}

/**
 * Arguments of `infer`.
 *
 * @example
 * infer: ({ inputs, config, issue }: InferArgs<typeof ports, Config>) => { if (!inputs.table) return {}; issue('No such column', ['column']); return {}; }
 */
export interface InferArgs<I extends PortMap, C> {
  inputs: InputDescriptors<I>;
  config: C;
  /**
   * Records a design-time problem, on a config field when one is to blame (e.g. an unknown column).
   * The code defaults to SCHEMA_INVALID; expression problems pass EXPRESSION_INVALID.
   */
  issue(message: string, field?: ReadonlyArray<string | number>, code?: ErrorCode): void;
  /** Design-time knowledge of files (source nodes); absent when the host has none. */
  files?: DesignFiles | undefined;
}

/**
 * Arguments of `run`.
 *
 * @example
 * run: async ({ inputs, config, ctx }) => { ctx.log('info', `filtering on ${config.where}`); return { table: inputs.table }; }
 */
export interface RunArgs<I extends PortMap, C> {
  inputs: InputValues<I>;
  config: C;
  ctx: NodeContext;
}

/**
 * Arguments of `fingerprint`: a source node's view of whether its data changed.
 *
 * @example
 * fingerprint: ({ config, ctx }) => ctx.files.fingerprint(config.file)
 */
export interface FingerprintArgs<C> {
  config: C;
  ctx: Pick<NodeContext, 'files' | 'signal'>;
}

/**
 * A node type: a plain object whose port ids are the keys of `inputs` and `outputs`.
 * Declared properties (`runtime`, `cache`, `effects`) replace special cases in the engine.
 *
 * @example
 * const definition: NodeDefinition = registry.latest('transform.filter')!;
 */
export interface NodeDefinition<I extends PortMap = PortMap, O extends PortMap = PortMap, S extends z.ZodType = z.ZodType> {
  /** Namespaced type name, e.g. `transform.filter` or `@acme/text.tokenize`. */
  readonly type: string;
  /** Integer ≥ 1. A config change adds a version and a `migrate`. */
  readonly version: number;
  readonly category: NodeCategory;
  readonly title: string;
  readonly description: string;
  readonly inputs: I;
  readonly outputs: O;
  /** The zod schema of the config: the inspector form and validation come from it. */
  readonly config: S;
  /** Where the node can run: `server` for nodes that need the server (databases, the registry). */
  readonly runtime?: 'any' | 'server';
  /** `pure` (default) outputs depend only on config, inputs and fingerprint; `volatile` never cached. */
  readonly cache?: 'pure' | 'volatile';
  /** Deploy and sink nodes: never cached; the engine gives them an idempotency key. */
  readonly effects?: boolean;
  /** Nodes that record how their inputs were made (e.g. a model's scoring path): the engine gives them `ctx.lineage`. */
  readonly lineage?: boolean;
  /** Per-node time limit in milliseconds (overrides the run's default). */
  readonly timeoutMs?: number;
  /** Upgrades a config written for an older version of this type to this version's shape. */
  readonly migrate?: (config: unknown, fromVersion: number) => unknown;
  /** Design time: output descriptors from input descriptors and config. Must not do I/O. */
  readonly infer?: (args: InferArgs<I, z.output<S>>) => OutputDescriptors<O>;
  /** Source nodes: a value that changes when the underlying data changes (part of the cache key). */
  readonly fingerprint?: (args: FingerprintArgs<z.output<S>>) => Promise<string>;
  readonly run: (args: RunArgs<I, z.output<S>>) => Promise<OutputValues<O>> | OutputValues<O>;
}

/**
 * A node definition with its types erased, as registries and engines hold it.
 *
 * @example
 * const nodes: AnyNodeDefinition[] = [csvSource, filterRows];
 */
// biome-ignore lint/suspicious/noExplicitAny: erasing the generic parameters is the point of this alias
export type AnyNodeDefinition = NodeDefinition<any, any, any>;

/**
 * Defines a node type with full type inference: port ids come from the keys of `inputs` and
 * `outputs`, the config type from the zod schema.
 *
 * @example
 * export const filterRows = defineNode({
 *   type: 'transform.filter', version: 1, category: 'transform',
 *   title: 'Filter rows', description: 'Keep the rows where an expression is true.',
 *   inputs: { table: port.table() }, outputs: { table: port.table() },
 *   config: z.object({ where: z.string() }),
 *   infer: ({ inputs }) => ({ table: inputs.table }),
 *   run: async ({ inputs, config }) => ({ table: filter(inputs.table, config.where) }),
 * });
 */
export function defineNode<I extends PortMap, O extends PortMap, S extends z.ZodType>(
  definition: NodeDefinition<I, O, S>,
): NodeDefinition<I, O, S> {
  return Object.freeze({ ...definition });
}
