import type { Lineage, LineageNode } from '../node/lineage';
import type { RunEnv } from './run-env';

/** A read-only view of the run's plan and finished outputs, built on first use. */
export function lineageView(env: RunEnv): Lineage {
  let index: Map<string, number> | undefined;
  return {
    node(id: string): LineageNode | undefined {
      index ??= new Map(env.plan.map((node, i) => [node.id, i]));
      const at = index.get(id);
      if (at === undefined) return undefined;
      const node = env.plan[at];
      if (node === undefined) return undefined;
      const sources: Record<string, Array<{ node: string; port: string }>> = {};
      for (const input of node.inputs) sources[input.port] = input.sources.map((s) => ({ node: env.plan[s.node]?.id ?? '', port: s.port }));
      const { type, version, category } = node.definition;
      return { id: node.id, type, version, category, config: node.config, sources, outputs: env.values[at] };
    },
  };
}
