import type { NodeRegistry } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { AuditRepository } from '../repositories/audit-repository';
import { GraphsRepository } from '../repositories/graphs-repository';
import { SecretsRepository } from '../repositories/secrets-repository';
import { TokensRepository } from '../repositories/tokens-repository';
import { UsersRepository } from '../repositories/users-repository';
import type { SecretCipher } from '../secrets/secret-cipher';

/** What the routes work with; built once per app. */
export interface Services {
  db: Kysely<Database>;
  registry: NodeRegistry;
  cipher: SecretCipher;
  logger: Logger;
  tokens: TokensRepository;
  users: UsersRepository;
  graphs: GraphsRepository;
  secrets: SecretsRepository;
  audit: AuditRepository;
}

export function createServices(deps: {
  db: Kysely<Database>;
  registry: NodeRegistry;
  cipher: SecretCipher;
  logger: Logger;
  /** Tokens looked up lately kept in memory (default 10,000: `CAUSEWAY_TOKEN_CACHE_ENTRIES`). */
  tokenCacheEntries?: number;
}): Services {
  const { tokenCacheEntries, ...shared } = deps;
  return {
    ...shared,
    tokens: new TokensRepository(deps.db, tokenCacheEntries),
    users: new UsersRepository(deps.db),
    graphs: new GraphsRepository(deps.db),
    secrets: new SecretsRepository(deps.db),
    audit: new AuditRepository(deps.db),
  };
}
