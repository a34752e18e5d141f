import { type SecretStore, UserError } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { SecretsRepository } from '../repositories/secrets-repository';
import type { SecretCipher } from './secret-cipher';
import { grantAllows, type SecretUser } from './secret-grants';

/** Reads a secret on behalf of someone, refusing (`SECRET_FORBIDDEN`) when it is not granted to them. */
export interface GrantedSecrets {
  getAs(name: string, user: SecretUser): Promise<string>;
}

/**
 * The server's secrets: `getAs` decrypts a secret for a user it is granted to; `get` (the engine's
 * `SecretStore`) reads without a check and is for the server's own use only, never for a run.
 */
export class DatabaseSecretStore implements SecretStore, GrantedSecrets {
  constructor(
    private readonly secrets: SecretsRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async get(name: string): Promise<string> {
    const encrypted = await this.secrets.getEncrypted(name);
    if (encrypted === undefined) throw unknown(name);
    return this.cipher.decrypt(name, encrypted);
  }

  async getAs(name: string, user: SecretUser): Promise<string> {
    const found = await this.secrets.getWithGrants(name);
    if (found === undefined) throw unknown(name);
    if (!grantAllows(found.grants, user)) {
      throw new UserError(
        'SECRET_FORBIDDEN',
        `The secret "${name}" is not granted to "${user.name}"${user.role === null ? '' : ` (${user.role})`}; its owner or an admin can grant it.`,
        { details: { secret: name, user: user.name } },
      );
    }
    return this.cipher.decrypt(name, found.encrypted);
  }
}

/** Who a run uses secrets as: its owner, with the role the owner had when the run was made. */
export async function runSecretUser(db: Kysely<Database>, runId: number): Promise<SecretUser> {
  const row = await db.selectFrom('runs').select(['owner', 'owner_role', 'created_by']).where('id', '=', runId).executeTakeFirst();
  if (row === undefined) throw new UserError('NOT_FOUND', `Run ${runId} does not exist.`);
  return { name: row.owner ?? row.created_by, role: row.owner_role };
}

const unknown = (name: string) => new UserError('SECRET_UNKNOWN', `No secret named "${name}" exists.`);
