import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import type { StartCanary } from '../models/model-promotions';
import type { AuditRepository } from '../repositories/audit-repository';
import { EndpointChanges } from './endpoint-changes';
import { EndpointStateCache } from './endpoint-state-cache';
import { EndpointsRepository } from './endpoints-repository';
import { modelVersionsIn } from './model-version-source';

/**
 * Starts canaries for promotions asked from runs, through the same checked, audited endpoint changes as
 * the API. Serving processes see the change through their state caches within a second.
 */
export function canaryStarter(
  deps: { db: Kysely<Database>; artifacts: ArtifactStore; logger: Logger },
  audit: AuditRepository,
): StartCanary {
  const repository = new EndpointsRepository(deps.db);
  const changes = new EndpointChanges(
    repository,
    modelVersionsIn(deps.db, deps.artifacts),
    audit,
    new EndpointStateCache((name) => repository.get(name)),
    deps.logger,
  );
  return async (endpoint, version, percent, policy, actor) => {
    await changes.canary(endpoint, version, percent, { actor, ...(policy === undefined ? {} : { policy }) });
  };
}
