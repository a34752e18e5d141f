import type { PortMap } from '../node/define-node';
import type { GraphFacts } from './graph-facts';
import type { LintCode } from './lint-rules';

/** A finding before its severity is applied. */
export interface RawFinding {
  code: LintCode;
  nodeId: string;
  message: string;
}

const nodeOf = (endpoint: string) => endpoint.slice(0, endpoint.indexOf('.'));

// A definition's ports, typed as a plain port map.
function portsOf(facts: GraphFacts, id: string): { inputs: PortMap; outputs: PortMap } | undefined {
  const d = facts.definition(id);
  return d && { inputs: d.inputs as PortMap, outputs: d.outputs as PortMap };
}

const isSink = (facts: GraphFacts, id: string) => {
  const d = facts.definition(id);
  return d !== undefined && (d.effects === true || d.category === 'validate' || d.category === 'deploy');
};

/**
 * Nodes with no edges (GL001), and in a graph that ends in validate or deploy nodes, nodes that feed
 * none of them (GL002): a branch whose work is thrown away. A graph with no such end is exploratory
 * and its last nodes are its results.
 */
export function connectionRules(facts: GraphFacts): RawFinding[] {
  const out: RawFinding[] = [];
  const sinks = facts.nodes.filter((node) => isSink(facts, node.id));
  const feeding = new Set(sinks.flatMap((sink) => [...facts.upstream(sink.id)]));
  for (const node of facts.nodes) {
    if (facts.nodes.length > 1 && facts.outgoing(node.id).length === 0 && facts.incoming(node.id).length === 0)
      out.push({ code: 'GL001', nodeId: node.id, message: `node "${node.id}" has no edges` });
    else if (sinks.length > 0 && !isSink(facts, node.id) && !feeding.has(node.id) && facts.definition(node.id))
      out.push({ code: 'GL002', nodeId: node.id, message: `"${node.id}" feeds no validate or deploy node: its work is thrown away` });
  }
  return out;
}

/** A deploy node whose model reaches it past no validate node (GL003). */
export function gateRule(facts: GraphFacts): RawFinding[] {
  const out: RawFinding[] = [];
  for (const node of facts.nodes) {
    const definition = facts.definition(node.id);
    if (definition?.category !== 'deploy') continue;
    const takesModel = facts.incoming(node.id).some((link) => definition.inputs[link.port]?.kind === 'model');
    if (!takesModel) continue;
    const gated = [...facts.upstream(node.id)].some((id) => facts.definition(id)?.category === 'validate');
    if (!gated)
      out.push({
        code: 'GL003',
        nodeId: node.id,
        message: `"${node.id}" deploys a model that passes no gate; put a validate.model-gate before it`,
      });
  }
  return out;
}

// Nodes that learn a model from a table: a table input and a model output.
function trainers(facts: GraphFacts): string[] {
  return facts.nodes
    .filter((node) => {
      const d = portsOf(facts, node.id);
      return (
        d !== undefined &&
        Object.values(d.inputs).some((p) => p.kind === 'table') &&
        Object.values(d.outputs).some((p) => p.kind === 'model')
      );
    })
    .map((node) => node.id);
}

// Whether `other` reads rows from a sibling output of a node whose output `mine` reads: a split's other side.
function heldOut(mine: ReadonlySet<string>, other: ReadonlySet<string>): boolean {
  const splitters = new Set([...mine].map(nodeOf));
  return [...other].some((endpoint) => !mine.has(endpoint) && splitters.has(nodeOf(endpoint)));
}

/** A trained model never evaluated, or evaluated only on its own training rows (GL005). */
export function holdoutRule(facts: GraphFacts): RawFinding[] {
  const out: RawFinding[] = [];
  for (const trainer of trainers(facts)) {
    const trained = facts.tableAncestry(trainer);
    const evaluators = facts.nodes.filter((node) => {
      const d = portsOf(facts, node.id);
      return (
        node.id !== trainer &&
        d !== undefined &&
        Object.values(d.outputs).some((p) => p.kind === 'metrics') &&
        facts.upstream(node.id).has(trainer)
      );
    });
    if (evaluators.length === 0) out.push({ code: 'GL005', nodeId: trainer, message: `the model of "${trainer}" is never evaluated` });
    else if (!evaluators.some((node) => heldOut(trained, facts.tableAncestry(node.id))))
      out.push({
        code: 'GL005',
        nodeId: trainer,
        message: `the model of "${trainer}" is evaluated only on rows it was trained on; evaluate it on a held-out split`,
      });
  }
  return out;
}

/** A fitted transform that fits its state on the held-out side of a split (GL008). */
export function fitOnTestRule(facts: GraphFacts): RawFinding[] {
  const out: RawFinding[] = [];
  const trained = trainers(facts).map((id) => facts.tableAncestry(id));
  for (const node of facts.nodes) {
    const d = portsOf(facts, node.id);
    // A fitted transform takes an optional state and gives one out under the same name; unconnected, it fits.
    const state =
      d &&
      Object.entries(d.inputs).find(([port, spec]) => spec.optional && spec.kind === 'value' && d.outputs[port]?.kind === 'value')?.[0];
    if (state === undefined || facts.incoming(node.id).some((link) => link.port === state)) continue;
    const mine = facts.tableAncestry(node.id);
    if (trained.some((rows) => heldOut(rows, mine)))
      out.push({
        code: 'GL008',
        nodeId: node.id,
        message: `"${node.id}" fits its state on the held-out split; fit it on the training split and connect its fitted output here`,
      });
  }
  return out;
}
