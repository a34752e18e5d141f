import { nodeCacheKey } from './cache-key';
import type { HasDeadline } from './deadlines';
import type { EngineNodeContext } from './node-context';
import { checkOutputs } from './output-check';
import type { PlanNode } from './plan';
import type { RunEnv } from './run-env';

/** One node's turn in a run. `settled` turns true once its outcome is decided (done, failed, timed out, cancelled). */
export interface Job extends HasDeadline {
  readonly index: number;
  readonly ctx: EngineNodeContext;
  readonly startedAt: number;
  settled: boolean;
}

/** What a node produced, and whether it came from the cache. */
export interface NodeSuccess {
  outputs: Record<string, unknown>;
  cached: boolean;
}

/**
 * Runs one node whose inputs are all available: cache lookup, input gathering, `run`, output
 * checks, cache store. Throws what the node throws; the scheduler turns it into a NodeRunError.
 */
export async function executeNode(job: Job, env: RunEnv): Promise<NodeSuccess> {
  const node = env.plan[job.index] as PlanNode;
  const cache = env.cache;
  let key: string | undefined;
  if (cache) {
    const fingerprint = node.fresh || !node.definition.fingerprint ? undefined : await fingerprintOf(node, job.ctx);
    key = assignKey(node, job.index, env, fingerprint);
    const hit = key === undefined ? undefined : cache.get(key);
    if (hit !== undefined) return { outputs: hit, cached: true };
  }
  const returned = await node.definition.run({ inputs: gatherInputs(node, env.values), config: node.config, ctx: job.ctx });
  const outputs = checkOutputs(node, returned);
  // A node that timed out or was cancelled but finished anyway is not trusted into the cache.
  if (cache && key !== undefined && !job.settled) cache.set(key, outputs);
  return { outputs, cached: false };
}

async function fingerprintOf(node: PlanNode, ctx: EngineNodeContext): Promise<string> {
  const fingerprint = node.definition.fingerprint as NonNullable<PlanNode['definition']['fingerprint']>;
  return String(await fingerprint({ config: node.config, ctx }));
}

/** Records the node's key for its dependents; returns it when the cache may be used for this node. */
function assignKey(node: PlanNode, index: number, env: RunEnv, fingerprint: string | undefined): string | undefined {
  let tainted = node.fresh;
  for (let p = 0; !tainted && p < node.inputs.length; p++) {
    for (const source of (node.inputs[p] as PlanNode['inputs'][number]).sources) if (env.tainted[source.node] === 1) tainted = true;
  }
  const key = tainted ? undefined : nodeCacheKey(node, env.keys, fingerprint);
  if (key === undefined) {
    env.tainted[index] = 1;
    env.keys[index] = `fresh-${env.nonce}-${index}`;
    return undefined;
  }
  env.keys[index] = key;
  return key;
}

function gatherInputs(node: PlanNode, values: RunEnv['values']): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const input of node.inputs) {
    const { sources } = input;
    if (input.multiple) {
      const list: unknown[] = new Array(sources.length);
      for (let s = 0; s < sources.length; s++) {
        const source = sources[s] as { node: number; port: string };
        list[s] = values[source.node]?.[source.port];
      }
      inputs[input.port] = list;
    } else {
      const source = sources[0];
      inputs[input.port] = source === undefined ? undefined : values[source.node]?.[source.port];
    }
  }
  return inputs;
}
