import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { GraphTestsRepository } from './graph-tests-repository';

/** Why a graph version may not go ahead under a tests policy, and the cases that did not pass. */
export interface TestsRefusal {
  why: string;
  failing: string[];
}

/**
 * Undefined when the tests saved beside a graph version passed in their last server run; else why
 * not: no tests, not run since saved, or the failing and invalid cases by name.
 */
export async function graphTestsRefusal(
  db: Kysely<Database> | Transaction<Database>,
  graphId: string,
  version: number,
): Promise<TestsRefusal | undefined> {
  const at = `graph "${graphId}" version ${version}`;
  const tests = await new GraphTestsRepository(db).get(graphId, version);
  if (tests === undefined) return { why: `${at} has no tests`, failing: [] };
  if (tests.status === 'untested') return { why: `the tests of ${at} have not run since they were saved`, failing: [] };
  if (tests.status === 'passed') return undefined;
  const failing = (tests.cases ?? []).filter((c) => c.status !== 'passed').map((c) => c.name);
  return { why: `the tests of ${at} did not pass: ${failing.map((name) => `"${name}"`).join(', ')}`, failing };
}
