/**
 * How much a broken lint rule matters: `error` fails `causeway lint`, `warn` is printed, `off` is not checked.
 *
 * @example
 * const severity: LintSeverity = 'warn';
 */
export type LintSeverity = 'off' | 'warn' | 'error';

/**
 * The lint rules: a stable code, a name that may stand for it in a config, the default severity and
 * what the rule looks for. docs/testing-graphs.md lists them.
 *
 * @example
 * lintRules.GL003.name // 'ungated-deploy'
 */
export const lintRules = {
  GL000: { name: 'invalid-graph', severity: 'error', summary: 'The graph does not validate (unknown node type, bad config, open input…).' },
  GL001: { name: 'disconnected-node', severity: 'warn', summary: 'A node with no edges at all, in a graph of several nodes.' },
  GL002: {
    name: 'unused-node',
    severity: 'warn',
    summary: 'In a graph that ends in validate or deploy nodes, a node that feeds none of them.',
  },
  GL003: {
    name: 'ungated-deploy',
    severity: 'error',
    summary: 'A deploy node takes a model that passes no validate node (such as a model gate) on its way.',
  },
  GL004: {
    name: 'unpinned-plugin',
    severity: 'warn',
    summary: 'A plugin in "requires" has a range with no upper bound (*, x, latest, >=1).',
  },
  GL005: {
    name: 'no-holdout-evaluation',
    severity: 'warn',
    summary: 'A trained model is never evaluated, or only on rows it was trained on.',
  },
  GL006: { name: 'secret-literal', severity: 'error', summary: 'A config holds text that looks like a secret; use { "$secret": "name" }.' },
  GL007: {
    name: 'unknown-column',
    severity: 'error',
    summary: 'An expression or column choice reads a column that will not exist at that point.',
  },
  GL008: {
    name: 'fit-on-test-split',
    severity: 'error',
    summary: 'A fitted transform (scale, impute, encode, bin) learns its state from the held-out split.',
  },
} as const satisfies Record<string, { name: string; severity: LintSeverity; summary: string }>;

/**
 * A lint rule's code.
 *
 * @example
 * const code: LintCode = 'GL001';
 */
export type LintCode = keyof typeof lintRules;

/**
 * One broken rule in one graph: where (node, config path) and why.
 *
 * @example
 * const finding: LintFinding = { code: 'GL001', severity: 'warn', nodeId: 'old', path: ['nodes', 3], message: 'node "old" has no edges' };
 */
export interface LintFinding {
  code: LintCode;
  severity: Exclude<LintSeverity, 'off'>;
  path: ReadonlyArray<string | number>;
  message: string;
  nodeId?: string;
}

/**
 * Severities chosen per rule, by code or name; rules left out keep their default.
 *
 * @example
 * const config: LintConfig = { GL002: 'off', 'secret-literal': 'warn' };
 */
export type LintConfig = Readonly<Record<string, LintSeverity>>;

/**
 * The severity of each rule under a config; an unknown rule or severity in it is an error message.
 *
 * @example
 * const r = lintSeverities({ 'unused-node': 'off' });
 * if (r.ok) r.value.GL002 // 'off'
 */
export function lintSeverities(config: LintConfig): { ok: true; value: Record<LintCode, LintSeverity> } | { ok: false; message: string } {
  const value = Object.fromEntries(Object.entries(lintRules).map(([code, rule]) => [code, rule.severity])) as Record<
    LintCode,
    LintSeverity
  >;
  for (const [key, severity] of Object.entries(config)) {
    const code = (key in lintRules ? key : Object.entries(lintRules).find(([, rule]) => rule.name === key)?.[0]) as LintCode | undefined;
    if (code === undefined)
      return { ok: false, message: `unknown lint rule "${key}" (the rules are ${Object.keys(lintRules).join(', ')} or their names)` };
    if (!['off', 'warn', 'error'].includes(severity))
      return { ok: false, message: `rule ${key}: severity must be off, warn or error, not "${severity}"` };
    value[code] = severity;
  }
  return { ok: true, value };
}
