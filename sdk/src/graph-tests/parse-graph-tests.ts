import type { Issue } from '../errors/issue';
import { parseJsonSafely } from '../graph/safe-json';
import { graphLimits } from '../graph/schema';
import { schemaErrorMap, schemaIssues } from '../graph/schema-issues';
import { jsonPathLine } from './json-path-line';
import { type GraphTests, graphTestsSchema } from './schema';

/**
 * An issue in a tests file, with the line it is on when known.
 *
 * @example
 * const issue: TestsIssue = { code: 'TESTS_SCHEMA', path: ['cases', 0, 'name'], message: 'cases[0].name: required', line: 4 };
 */
export interface TestsIssue extends Issue {
  line?: number;
}

/**
 * Reads a `<graph>.tests.json` from untrusted text, with the same limits as a graph (size, depth,
 * forbidden keys). Never throws; each issue carries the line it points at: a syntax error its own,
 * a field that does not fit the format the line of that field (`TESTS_SCHEMA`).
 *
 * @example
 * const r = parseGraphTests(await readFile('churn.tests.json', 'utf8'));
 * if (!r.ok) for (const issue of r.issues) console.error(`churn.tests.json:${issue.line}: ${issue.message}`);
 */
export function parseGraphTests(text: string): { ok: true; value: GraphTests } | { ok: false; issues: TestsIssue[] } {
  const json = parseJsonSafely(text, graphLimits);
  if (!json.ok) return { ok: false, issues: json.issues.map((issue) => ({ ...issue, code: 'TESTS_SCHEMA', ...syntaxLine(issue) })) };
  const parsed = graphTestsSchema.safeParse(json.value, { error: schemaErrorMap });
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error.issues, json.value).map((issue) => ({
      ...issue,
      code: 'TESTS_SCHEMA' as const,
      line: jsonPathLine(text, issue.path),
    }));
    return { ok: false, issues };
  }
  const duplicate = duplicateName(parsed.data);
  if (duplicate !== undefined) {
    const path = ['cases', duplicate.index, 'name'];
    const issue: TestsIssue = {
      code: 'TESTS_SCHEMA',
      path,
      message: `cases[${duplicate.index}].name: "${duplicate.name}" is already the name of another case`,
      line: jsonPathLine(text, path),
    };
    return { ok: false, issues: [issue] };
  }
  return { ok: true, value: parsed.data };
}

function syntaxLine(issue: Issue): { line?: number } {
  const match = / at line (\d+), column \d+/.exec(issue.message);
  return match ? { line: Number(match[1]) } : {};
}

function duplicateName(tests: GraphTests): { index: number; name: string } | undefined {
  const seen = new Set<string>();
  for (const [index, testCase] of tests.cases.entries()) {
    if (seen.has(testCase.name)) return { index, name: testCase.name };
    seen.add(testCase.name);
  }
  return undefined;
}
