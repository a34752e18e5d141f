import { z } from 'zod';
import { errorCodeSchema } from './common';

/**
 * A causeway.tests/1 document (sdk/schema/causeway.tests-1.schema.json), checked by the SDK's tests
 * parser, not here, so a bad document gets issues with their paths.
 */
export const graphTestsDocument = z
  .record(z.string(), z.unknown())
  .meta({ id: 'GraphTests', description: 'A causeway.tests/1 document (sdk/schema).' });

/** `PUT /api/graphs/{id}/versions/{version}/tests`. */
export const saveGraphTestsBody = z.object({ tests: graphTestsDocument }).strict();

const caseIssue = z.object({ code: errorCodeSchema, path: z.array(z.union([z.string(), z.number()])), message: z.string() });
const caseFailure = z.object({
  check: z.string(),
  message: z.string(),
  code: z.string().optional(),
  diff: z.array(z.string()).optional(),
});

/** One case of a server run of a graph version's tests. */
export const graphTestCaseResult = z
  .object({
    name: z.string(),
    status: z.enum(['passed', 'failed', 'invalid']),
    durationMs: z.number(),
    issues: z.array(caseIssue),
    failures: z.array(caseFailure),
  })
  .meta({ id: 'GraphTestCaseResult' });

/** The tests beside a graph version and the verdict of their last run on the server. */
export const graphVersionTests = z
  .object({
    graphId: z.string(),
    version: z.number(),
    tests: graphTestsDocument,
    status: z.enum(['untested', 'passed', 'failed', 'invalid']).describe('untested until the tests run after being saved'),
    cases: z.array(graphTestCaseResult).nullable().describe('The cases of the last run; null before one'),
    updatedBy: z.string(),
    updatedAt: z.string(),
    ranBy: z.string().nullable(),
    ranAt: z.string().nullable(),
  })
  .meta({ id: 'GraphVersionTests' });
