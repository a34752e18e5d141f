import { type CaseResult, formatIssue, jsonPathLine, type TestsIssue } from '@causeway/sdk';

/** What `causeway test` found for one tests file: issues that stopped it, or its cases. */
export interface TestsFileOutcome {
  /** The tests file, as shown to the user (relative to the working folder). */
  file: string;
  /** Why the file could not be run at all (malformed file, invalid graph, missing plugin). */
  issues: TestsIssue[];
  cases: CaseResult[];
  /** The tests file's text, to put issues and cases on their lines. */
  text: string;
}

/** The reporters `--reporter` picks from. */
export const reporters = ['pretty', 'json', 'junit'] as const;
/** One of {@link reporters}. */
export type Reporter = (typeof reporters)[number];

const lineOf = (outcome: TestsFileOutcome, path: TestsIssue['path']) => (outcome.text === '' ? 1 : jsonPathLine(outcome.text, path));

/** Where an issue of a file sits: its own line, else the line its path points at. */
export function issueLine(outcome: TestsFileOutcome, issue: TestsIssue): number {
  return issue.line ?? lineOf(outcome, issue.path);
}

/** The line of a case in its tests file. */
export function caseLine(outcome: TestsFileOutcome, result: CaseResult): number {
  return lineOf(outcome, ['cases', result.index]);
}

function failureLines(result: CaseResult): string[] {
  return result.failures.flatMap((f) => [
    `${f.code ? `${f.code} ` : ''}${f.check}: ${f.message}`,
    ...(f.diff ?? []).map((line) => `  ${line}`),
  ]);
}

/** The counts the summary and the exit code are made of. */
export function tally(outcomes: readonly TestsFileOutcome[]) {
  const cases = outcomes.flatMap((o) => o.cases);
  return {
    passed: cases.filter((c) => c.status === 'passed').length,
    failed: cases.filter((c) => c.status === 'failed').length,
    invalid: cases.filter((c) => c.status === 'invalid').length + outcomes.filter((o) => o.issues.length > 0).length,
  };
}

/** Plain text for a terminal: one line per case, what failed indented under it, and a summary. */
export function prettyReport(outcomes: readonly TestsFileOutcome[], ms: number): string {
  const out: string[] = [];
  for (const outcome of outcomes) {
    out.push(outcome.file);
    for (const issue of outcome.issues) out.push(`  ! ${outcome.file}:${issueLine(outcome, issue)}: ${formatIssue(issue)}`);
    for (const result of outcome.cases) {
      const mark = result.status === 'passed' ? '✓' : result.status === 'failed' ? '✗' : '!';
      out.push(`  ${mark} ${result.name} (${Math.round(result.durationMs)} ms)`);
      for (const issue of result.issues) out.push(`      ${outcome.file}:${issueLine(outcome, issue)}: ${formatIssue(issue)}`);
      for (const line of failureLines(result)) out.push(`      ${line}`);
    }
  }
  const { passed, failed, invalid } = tally(outcomes);
  out.push('', `${passed} passed, ${failed} failed, ${invalid} invalid (${Math.round(ms)} ms)`);
  return `${out.join('\n')}\n`;
}

/** One JSON document: every file with its issues and cases. */
export function jsonReport(outcomes: readonly TestsFileOutcome[], ms: number): string {
  const files = outcomes.map((outcome) => ({
    file: outcome.file,
    issues: outcome.issues.map((issue) => ({ ...issue, line: issueLine(outcome, issue) })),
    cases: outcome.cases.map((result) => ({
      name: result.name,
      line: caseLine(outcome, result),
      status: result.status,
      durationMs: Math.round(result.durationMs),
      failures: result.failures,
      issues: result.issues.map((issue) => ({ ...issue, line: issueLine(outcome, issue) })),
    })),
  }));
  return `${JSON.stringify({ ...tally(outcomes), durationMs: Math.round(ms), files }, null, 2)}\n`;
}

// XML 1.0 has no place for control characters other than tab and line breaks: they are dropped.
const xml = (text: string) =>
  [...text]
    .filter((c) => c >= ' ' || c === '\t' || c === '\n' || c === '\r')
    .join('')
    .replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** JUnit XML, as most CI systems read it: a suite per tests file, a test case per case. */
export function junitReport(outcomes: readonly TestsFileOutcome[], ms: number): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const { passed, failed, invalid } = tally(outcomes);
  out.push(
    `<testsuites name="causeway test" tests="${passed + failed + invalid}" failures="${failed}" errors="${invalid}" time="${(ms / 1000).toFixed(3)}">`,
  );
  for (const outcome of outcomes) {
    const errors = outcome.cases.filter((c) => c.status === 'invalid').length + (outcome.issues.length > 0 ? 1 : 0);
    const failures = outcome.cases.filter((c) => c.status === 'failed').length;
    out.push(
      `  <testsuite name="${xml(outcome.file)}" tests="${outcome.cases.length + (outcome.issues.length > 0 ? 1 : 0)}" failures="${failures}" errors="${errors}">`,
    );
    if (outcome.issues.length > 0) {
      const text = outcome.issues.map((issue) => `${outcome.file}:${issueLine(outcome, issue)}: ${formatIssue(issue)}`).join('\n');
      out.push(
        `    <testcase name="(tests file)" classname="${xml(outcome.file)}"><error message="invalid tests file">${xml(text)}</error></testcase>`,
      );
    }
    for (const result of outcome.cases) {
      const head = `    <testcase name="${xml(result.name)}" classname="${xml(outcome.file)}" time="${(result.durationMs / 1000).toFixed(3)}"`;
      if (result.status === 'passed') out.push(`${head}/>`);
      else if (result.status === 'invalid') {
        const text = result.issues.map((issue) => formatIssue(issue)).join('\n');
        out.push(`${head}><error message="invalid case">${xml(text)}</error></testcase>`);
      } else {
        const lines = failureLines(result);
        out.push(`${head}><failure message="${xml(lines[0] ?? 'failed')}">${xml(lines.join('\n'))}</failure></testcase>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

// GitHub's workflow commands: data escapes %, CR, LF; properties also : and ,.
const data = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (text: string) => data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `::error file=…,line=…::…` lines GitHub Actions turns into annotations on the tests file. */
export function githubAnnotations(outcomes: readonly TestsFileOutcome[]): string {
  const out: string[] = [];
  const error = (file: string, line: number, title: string, message: string) =>
    out.push(`::error file=${property(file)},line=${line},title=${property(title)}::${data(message)}`);
  for (const outcome of outcomes) {
    for (const issue of outcome.issues) error(outcome.file, issueLine(outcome, issue), issue.code, formatIssue(issue));
    for (const result of outcome.cases) {
      if (result.status === 'invalid')
        for (const issue of result.issues)
          error(outcome.file, issueLine(outcome, issue), `${result.name}: ${issue.code}`, formatIssue(issue));
      if (result.status === 'failed')
        error(outcome.file, caseLine(outcome, result), `${result.name}: TEST_FAILED`, failureLines(result).join('\n'));
    }
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
