import type { ContextEnv } from './node-context';
import type { OutputCache } from './output-cache';
import type { PlanNode } from './plan';

/** The state of one run that node execution reads and writes, indexed like the plan. */
export interface RunEnv extends ContextEnv {
  readonly plan: readonly PlanNode[];
  /** Outputs of finished nodes. */
  readonly values: Array<Record<string, unknown> | undefined>;
  readonly cache: OutputCache | undefined;
  /** Cache keys of started nodes (only with a cache). */
  readonly keys: string[];
  /** 1 where a key derives from a fresh (volatile or effects) node's, so it can never hit. */
  readonly tainted: Uint8Array;
  /** Random per run: fresh keys never repeat across runs. */
  readonly nonce: string;
}
