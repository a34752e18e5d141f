import type { Issue, IssuePath } from '../errors/issue';
import { parseExpression } from '../expr/parser';
import { type Graph, type GraphNode, splitEndpoint } from '../graph/schema';
import type { PortMap } from '../node/define-node';
import type { NodeRegistry } from '../node/registry';
import { validateGraph } from '../validate/validate-graph';
import type { Assertion, Fixture, TestCase } from './schema';

/** The node type a check of `expectations` runs as, so the expectations language is the node's own. */
export const expectationsNodeType = { type: 'validate.expectations', version: 1 } as const;

/** One assertion, where its output ended up in the case's graph, and its expectations node if any. */
export interface PreparedAssertion {
  assertion: Assertion;
  index: number;
  node: string;
  port: string;
  kind: string;
  expectationsNode?: string;
}

/** A case ready to run: the rewritten graph and its checks. */
export interface PreparedCase {
  graph: Graph;
  assertions: PreparedAssertion[];
}

/**
 * Builds the graph one case runs: each replaced output becomes a fixture source (inline rows as
 * `source.inline`, a file as `source.csv` or `source.arrow`) wired where the output went, config
 * overrides merged into their nodes, and each `expectations` check a `validate.expectations` node on
 * its output. Every name the case uses is checked against the graph and the registry, and the new
 * graph is validated, so a wrong case fails here, with paths into the tests file, not in the run.
 *
 * @example
 * const prepared = prepareCase(graph, tests.cases[0], 0, registry);
 * if (prepared.ok) await runGraph(prepared.value.graph, { registry });
 */
export function prepareCase(
  graph: Graph,
  testCase: TestCase,
  caseIndex: number,
  registry: NodeRegistry,
): { ok: true; value: PreparedCase } | { ok: false; issues: Issue[] } {
  const at = (...path: IssuePath): IssuePath => ['cases', caseIndex, ...path];
  const issues: Issue[] = [];
  const fail = (path: IssuePath, message: string) => issues.push({ code: 'TESTS_CASE_INVALID', path, message });
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const outputsOf = (node: GraphNode): PortMap | undefined => {
    const resolution = registry.resolve(node.type, node.version);
    return resolution.status === 'exact' || resolution.status === 'migrate' ? resolution.definition.outputs : undefined;
  };
  const known = (id: string, path: IssuePath): GraphNode | undefined => {
    const node = byId.get(id);
    if (!node) fail(path, `the graph has no node "${id}" (its nodes are ${[...byId.keys()].join(', ')})`);
    return node;
  };

  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  for (const [id, override] of Object.entries(testCase.config ?? {})) {
    const node = known(id, at('config', id));
    if (node) nodes.set(id, { ...node, config: { ...node.config, ...override } });
  }

  // Which node ids stand where: a replaced port's fixture, by "node.port".
  const moved = new Map<string, string>();
  const fixtures = new Map<string, { key: string; fixture: Fixture; port: string }[]>();
  for (const [key, fixture] of Object.entries(testCase.replace ?? {})) {
    const match = /^([A-Za-z_][A-Za-z0-9_-]{0,63})(?:\.([A-Za-z_][A-Za-z0-9_]{0,63}))?$/.exec(key);
    if (!match) {
      fail(at('replace', key), `"${key}" is neither a node id nor "node.port"`);
      continue;
    }
    const [, id = '', named] = match;
    const node = known(id, at('replace', key));
    const outputs = node && outputsOf(node);
    if (!node || !outputs) continue;
    const tables = Object.entries(outputs)
      .filter(([, spec]) => spec.kind === 'table')
      .map(([port]) => port);
    const port = named ?? (tables.length === 1 ? tables[0] : undefined);
    if (port === undefined)
      fail(at('replace', key), `node "${id}" has ${tables.length} table outputs (${tables.join(', ')}); write "${id}.<port>"`);
    else if (!tables.includes(port))
      fail(at('replace', key), `node "${id}" has no table output "${port}" (its table outputs are ${tables.join(', ') || 'none'})`);
    else fixtures.set(id, [...(fixtures.get(id) ?? []), { key, fixture, port }]);
  }
  for (const [id, ports] of fixtures) {
    const node = nodes.get(id) as GraphNode;
    const replaced = new Set(ports.map((p) => p.port));
    const left = graph.edges.map((edge) => splitEndpoint(edge.from)).find((from) => from?.node === id && !replaced.has(from.port));
    if (left)
      fail(at('replace', ports[0]?.key ?? id), `replacing node "${id}" needs a fixture for its port "${left.port}" too: an edge reads it`);
    nodes.delete(id);
    for (const { fixture, port, key } of ports) {
      const fixtureId = ports.length === 1 ? id : `${id}__${port}`.slice(0, 64);
      const source = fixtureNode(fixtureId, node, fixture);
      if (typeof source === 'string') fail(at('replace', key, 'file'), source);
      else nodes.set(fixtureId, source);
      moved.set(`${id}.${port}`, `${fixtureId}.table`);
    }
  }
  const edges = graph.edges.map((edge) => ({ from: moved.get(edge.from) ?? edge.from, to: edge.to }));

  const assertions: PreparedAssertion[] = [];
  for (const [index, assertion] of testCase.expect.entries()) {
    const path = at('expect', index, 'output');
    const where = splitEndpoint(moved.get(assertion.output) ?? assertion.output);
    const original = splitEndpoint(assertion.output);
    const node = where && nodes.get(where.node);
    if (!where || !original || !node) {
      if (original) known(original.node, path);
      continue;
    }
    const spec = outputsOf(node)?.[where.port];
    if (!spec) {
      const ports = Object.keys(outputsOf(node) ?? {});
      fail(path, `node "${original.node}" has no output "${original.port}" (its outputs are ${ports.join(', ') || 'none'})`);
      continue;
    }
    const tableChecks = (['rows', 'schema', 'values', 'golden', 'expectations'] as const).filter((k) => assertion[k] !== undefined);
    if (spec.kind !== 'table' && tableChecks.length > 0)
      fail(
        at('expect', index, tableChecks[0] as string),
        `"${assertion.output}" is a ${spec.kind} output; "${tableChecks[0]}" checks tables`,
      );
    if (assertion.metrics !== undefined) {
      if (spec.kind !== 'metrics')
        fail(at('expect', index, 'metrics'), `"${assertion.output}" is a ${spec.kind} output; "metrics" checks metrics`);
      const parsed = parseExpression(assertion.metrics);
      if (!parsed.ok) for (const issue of parsed.issues) fail(at('expect', index, 'metrics'), issue.message);
    }
    const prepared: PreparedAssertion = { assertion, index, node: where.node, port: where.port, kind: spec.kind };
    if (assertion.expectations !== undefined && spec.kind === 'table') {
      const id = `_expect_${index}`;
      nodes.set(id, { id, ...expectationsNodeType, position: [0, 0], config: assertion.expectations });
      edges.push({ from: `${where.node}.${where.port}`, to: `${id}.table` });
      prepared.expectationsNode = id;
    }
    assertions.push(prepared);
  }
  if (testCase.fails?.node !== undefined) known(testCase.fails.node, at('fails', 'node'));
  if (issues.length > 0) return { ok: false, issues };

  const caseGraph: Graph = { ...graph, nodes: [...nodes.values()], edges };
  const validation = validateGraph(caseGraph, registry, { infer: true });
  if (!validation.ok) return { ok: false, issues: validation.issues.map((issue) => caseIssue(issue, testCase, caseIndex)) };
  return { ok: true, value: { graph: caseGraph, assertions } };
}

function fixtureNode(id: string, replaced: GraphNode, fixture: Fixture): GraphNode | string {
  const base = { id, version: 1, position: replaced.position };
  if (fixture.file === undefined) return { ...base, type: 'source.inline', config: { columns: fixture.columns, rows: fixture.rows } };
  if (/\.csv$/i.test(fixture.file)) return { ...base, type: 'source.csv', config: { file: fixture.file } };
  if (/\.(arrow|feather)$/i.test(fixture.file)) return { ...base, type: 'source.arrow', config: { file: fixture.file } };
  return `"${fixture.file}" is neither a .csv nor an .arrow file`;
}

// A validation issue of the rewritten graph, pointed at the part of the case that caused it.
function caseIssue(issue: Issue, testCase: TestCase, caseIndex: number): Issue {
  const rest = issue.path[2] === 'config' ? issue.path.slice(3) : [];
  const id = issue.nodeId;
  const expectMatch = id === undefined ? null : /^_expect_(\d+)$/.exec(id);
  const replaceKey =
    id === undefined
      ? undefined
      : Object.keys(testCase.replace ?? {}).find(
          (key) => key === id || key.startsWith(`${id}.`) || id.startsWith(`${key.replace('.', '__')}`),
        );
  let path: IssuePath = issue.path;
  if (expectMatch) path = ['cases', caseIndex, 'expect', Number(expectMatch[1]), 'expectations', ...rest];
  else if (replaceKey !== undefined) path = ['cases', caseIndex, 'replace', replaceKey, ...rest];
  else if (id !== undefined && testCase.config?.[id] !== undefined && issue.code === 'CONFIG_INVALID')
    path = ['cases', caseIndex, 'config', id, ...rest];
  const where = path === issue.path ? ` (in the graph at ${issue.path.join('.')})` : '';
  return {
    code: 'TESTS_CASE_INVALID',
    path,
    message: `case "${testCase.name}": ${issue.code}: ${issue.message}${where}`,
    ...(id && !expectMatch ? { nodeId: id } : {}),
  };
}
