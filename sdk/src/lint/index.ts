export { lintGraph } from './lint-graph';
export { type LintCode, type LintConfig, type LintFinding, type LintSeverity, lintRules, lintSeverities } from './lint-rules';
