import { UserError } from '@causeway/sdk';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';
import { graphTestsRefusal } from './graph-tests-refusal';

/** Where a model version came from: the graph version whose tests the policy asks about. */
export interface VersionSource {
  graphId: string | null;
  graphVersion: number | null;
}

/**
 * Enforces a model's `requireGraphTests` policy: a version is registered or promoted only when the
 * graph version that produced it has tests whose last server run passed. Otherwise
 * `MODEL_TESTS_REQUIRED`, naming the failing or invalid cases. A model with no policy (or not yet
 * registered) passes.
 */
export async function requirePassedGraphTests(
  db: Kysely<Database> | Transaction<Database>,
  model: string,
  source: VersionSource,
  action: 'registered' | 'promoted',
): Promise<void> {
  const policy = await db.selectFrom('models').select('require_graph_tests').where('name', '=', model).executeTakeFirst();
  if (policy?.require_graph_tests !== true) return;
  const refuse = (why: string, failing: string[] = []) => {
    throw new UserError('MODEL_TESTS_REQUIRED', `A version of "${model}" cannot be ${action}: ${why}.`, {
      details: { model, graphId: source.graphId, graphVersion: source.graphVersion, failing },
    });
  };
  if (source.graphId === null || source.graphVersion === null) return refuse('it was not produced by a saved graph version');
  const refusal = await graphTestsRefusal(db, source.graphId, source.graphVersion);
  if (refusal !== undefined) refuse(refusal.why, refusal.failing);
}
