import { pushdownReportOf } from '@causeway/contract';
import { type Graph, NodeRegistry, type RunEvent, type SqlClient } from '@causeway/sdk';
import { type FusedChain, pushDownGraph } from './push-down-graph';
import { pushdownNode } from './pushdown-node';
import type { PushdownSettings } from './pushdown-settings';

/** A run's graph and registry after push-down, and the event filter that reports the fused nodes. */
export interface PushdownRun {
  graph: Graph;
  registry: NodeRegistry;
  chains: FusedChain[];
  /** Wraps the run's listener: members of a fused chain get their own start, log and done events. */
  events: (emit: (event: RunEvent) => void) => (event: RunEvent) => void;
}

/**
 * Plans push-down for a server or CLI run: every `source.postgres` chain becomes one node that runs
 * it in PostgreSQL as far as it can. Events of the fused node are repeated for each member with the
 * member's id, and each member gets a `node:log` line saying where it ran.
 *
 * @example
 * const pushed = planPushdown(graph, registry, services.sql, pushdownSettings(process.env));
 * await runGraph(pushed.graph, { registry: pushed.registry, onEvent: pushed.events(post) });
 */
export function planPushdown(
  graph: Graph,
  registry: NodeRegistry,
  sql: SqlClient,
  settings: PushdownSettings = { enabled: true, budgetBytes: Number.POSITIVE_INFINITY },
  targets?: readonly string[],
): PushdownRun {
  const { graph: planned, chains } = settings.enabled ? pushDownGraph(graph, registry, targets) : { graph, chains: [] };
  if (chains.length === 0) return { graph, registry, chains, events: (emit) => emit };
  const budget = Number.isFinite(settings.budgetBytes) ? settings.budgetBytes : undefined;
  const extended = new NodeRegistry().add(...registry.list(), pushdownNode(registry, sql, budget));
  const byLast = new Map(chains.map((chain) => [chain.lastId, chain]));
  const events = (emit: (event: RunEvent) => void) => (event: RunEvent) => {
    const chain = 'nodeId' in event ? byLast.get(event.nodeId) : undefined;
    if (event.type === 'run:start') {
      const members = chains.flatMap((c) => [c.sourceId, ...c.members.slice(0, -1)]);
      emit({ ...event, nodes: [...members, ...event.nodes] });
      return;
    }
    if (chain === undefined) {
      emit(event);
      return;
    }
    const others = [chain.sourceId, ...chain.members.slice(0, -1)];
    const report = event.type === 'node:log' ? pushdownReportOf(event.message) : undefined;
    if (event.type === 'node:log' && report !== undefined) {
      for (const placement of report.placements) {
        const where = placement.where === 'postgres' ? 'in PostgreSQL' : `in memory${report.reason === null ? '' : ` (${report.reason})`}`;
        emit({ ...event, nodeId: placement.nodeId, message: `Ran ${where}.` });
      }
      emit(event);
      return;
    }
    // The chain's other members start and finish with it; their own outputs are not kept.
    if (event.type === 'node:start' || event.type === 'node:error' || event.type === 'node:skipped')
      for (const id of others) emit({ ...event, nodeId: id });
    if (event.type === 'node:done') for (const id of others) emit({ ...event, nodeId: id, outputs: {} });
    emit(event);
  };
  return { graph: planned, registry: extended, chains, events };
}
