import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { hashApiToken, newApiToken } from '../auth/api-token';
import type { Role } from '../auth/roles';
import type { Database, TokenRow } from '../db/database';

/** A token as listed: never its hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** API tokens, stored as sha256 hashes. */
export class TokensRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a token; the plain token is returned once and never stored. */
  async create(input: { name: string; role: Role; createdBy: string | null }): Promise<{ token: string; info: TokenInfo }> {
    const token = newApiToken();
    const row = await this.db
      .insertInto('tokens')
      .values({
        id: randomUUID(),
        token_hash: hashApiToken(token),
        name: input.name,
        role: input.role,
        user_id: null,
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, info: toInfo(row) };
  }

  /** The live (not revoked) token with this plain value, if any. */
  async findActive(token: string): Promise<TokenInfo | undefined> {
    const row = await this.db
      .selectFrom('tokens')
      .selectAll()
      .where('token_hash', '=', hashApiToken(token))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row === undefined ? undefined : toInfo(row);
  }

  /** Records use, at most once a minute per token so reads stay reads. */
  async touch(info: TokenInfo): Promise<void> {
    if (info.lastUsedAt !== null && Date.now() - info.lastUsedAt.getTime() < 60_000) return;
    await this.db.updateTable('tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', info.id).execute();
  }

  async list(): Promise<TokenInfo[]> {
    const rows = await this.db.selectFrom('tokens').selectAll().orderBy('created_at', 'asc').orderBy('id').execute();
    return rows.map(toInfo);
  }

  async get(id: string): Promise<TokenInfo | undefined> {
    const row = await this.db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toInfo(row);
  }

  /** Revokes a live token; false when there is no such live token. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('tokens')
      .set({ revoked_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async countActive(role: Role): Promise<number> {
    const row = await this.db
      .selectFrom('tokens')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('role', '=', role)
      .where('revoked_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toInfo(row: TokenRow): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
