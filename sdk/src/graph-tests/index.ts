export type { CheckFailure } from './check-assertion';
export { compareTables, rowsOfTable, type TableDiff, type Tolerance } from './compare-tables';
export { jsonPathLine } from './json-path-line';
export { createLimit, type Limit } from './limit';
export { parseGraphTests, type TestsIssue } from './parse-graph-tests';
export { pinAsExpected, pinnedRowLimit } from './pin-as-expected';
export { goldenBytes, readGolden } from './read-golden';
export { type CaseResult, type GraphTestsOptions, runGraphTests } from './run-graph-tests';
export { type Assertion, type Fixture, type GraphTests, graphTestsFormat, graphTestsSchema, type TestCase } from './schema';
