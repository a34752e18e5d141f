import type { Graph } from '../graph/schema';
import type { NodeRegistry } from '../node/registry';
import { validateGraph } from '../validate/validate-graph';
import { graphFacts } from './graph-facts';
import { type LintCode, type LintFinding, type LintSeverity, lintRules } from './lint-rules';
import { connectionRules, fitOnTestRule, gateRule, holdoutRule, type RawFinding } from './structure-rules';
import { pluginRangeRule, secretRule } from './text-rules';

/**
 * Checks a graph for likely mistakes that still validate: disconnected and unused nodes, a deploy
 * with no gate, unbounded plugin ranges, training without a held-out evaluation, secrets typed into
 * configs, columns that will not exist, and fitted transforms fit on the test split. Rules set to
 * `off` are not run; each finding carries its rule's code, the severity chosen and the node.
 *
 * @example
 * const findings = lintGraph(graph, registry);
 * const failed = findings.some((f) => f.severity === 'error');
 */
export function lintGraph(graph: Graph, registry: NodeRegistry, severities?: Readonly<Record<LintCode, LintSeverity>>): LintFinding[] {
  const severity = (code: LintCode): LintSeverity => severities?.[code] ?? lintRules[code].severity;
  const raw: RawFinding[] = [];
  if (severity('GL000') !== 'off' || severity('GL007') !== 'off') {
    for (const issue of validateGraph(graph, registry, { infer: severity('GL007') !== 'off' }).issues) {
      const code: LintCode = issue.code === 'SCHEMA_INVALID' || issue.code === 'EXPRESSION_INVALID' ? 'GL007' : 'GL000';
      raw.push({ code, nodeId: issue.nodeId ?? '', message: `${issue.code}: ${issue.message}` });
    }
  }
  const facts = graphFacts(graph, registry);
  const rules: [LintCode[], () => RawFinding[]][] = [
    [['GL001', 'GL002'], () => connectionRules(facts)],
    [['GL003'], () => gateRule(facts)],
    [['GL004'], () => pluginRangeRule(graph)],
    [['GL005'], () => holdoutRule(facts)],
    [['GL006'], () => secretRule(graph)],
    [['GL008'], () => fitOnTestRule(facts)],
  ];
  for (const [codes, rule] of rules) if (codes.some((code) => severity(code) !== 'off')) raw.push(...rule());
  const findings: LintFinding[] = [];
  for (const finding of raw) {
    const level = severity(finding.code);
    if (level === 'off') continue;
    const index = facts.index.get(finding.nodeId);
    const path = index === undefined ? (finding.code === 'GL004' ? ['requires'] : []) : ['nodes', index];
    findings.push({
      code: finding.code,
      severity: level,
      path,
      message: finding.message,
      ...(finding.nodeId ? { nodeId: finding.nodeId } : {}),
    });
  }
  return findings;
}
