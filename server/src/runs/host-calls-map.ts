import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import { canaryStarter } from '../endpoints/canary-starter';
import { monitoringHostCalls } from '../endpoints/monitoring-host-calls';
import type { Logger } from '../logger';
import { modelHostCalls } from '../models/model-host-calls';
import { ModelPromotions } from '../models/model-promotions';
import { ModelRegistry } from '../models/model-registry';
import { pluginHostCalls } from '../plugins/plugin-host-calls';
import { AuditRepository } from '../repositories/audit-repository';
import { type GrantedSecrets, runSecretUser } from '../secrets/database-secret-store';
import { secretHostCalls } from '../secrets/secret-host-calls';
import type { HostCallHandlers } from './host-calls';

/** What the main side's services need to answer run threads. */
export interface HostCallDeps {
  db: Kysely<Database>;
  artifacts: ArtifactStore;
  /** Secrets as each run's owner may use them. */
  secrets: GrantedSecrets;
  /** `<dataDir>/files`: plugin bundles and the sandbox runtime go beside it, in `<dataDir>/plugins`. */
  filesDir: string;
  logger: Logger;
}

/** Every service run threads may call, one entry per service (each service's handlers in their own file). */
export function createHostCallHandlers(deps: HostCallDeps): HostCallHandlers {
  const registry = new ModelRegistry(deps.db, deps.artifacts);
  const audit = new AuditRepository(deps.db);
  const promotions = new ModelPromotions(deps.db, registry, audit, deps.logger, canaryStarter(deps, audit));
  return {
    secrets: secretHostCalls(deps.secrets, (run) => runSecretUser(deps.db, run.runId)),
    models: modelHostCalls(registry, promotions, deps.db),
    monitoring: monitoringHostCalls(deps.db),
    plugins: pluginHostCalls({ db: deps.db, dir: join(dirname(deps.filesDir), 'plugins'), logger: deps.logger }),
  };
}
