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
  /** The signed-in user a session token belongs to; null for API tokens. */
  userId: string | null;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date | null;
  /** The endpoints the token may use; null: every endpoint its role may use. */
  endpoints: readonly string[] | null;
}

/**
 * How long a token found live is trusted without reading the database again (ms). Revocations made
 * through this process apply at once; those made by another server process within this time.
 */
export const tokenCacheMs = 2_000;

/** API tokens, stored as sha256 hashes. */
export class TokensRepository {
  /**
   * Live tokens looked up lately, by plain value: a busy client (a model endpoint's caller) is neither
   * one query nor one sha256 per request. Held only in memory, as the request headers are.
   */
  private readonly recent = new Map<string, { info: TokenInfo; until: number }>();
  /** Grows on every revocation: a lookup that overlapped one is not cached. */
  private revocations = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxCached = 10_000,
  ) {}

  /** Tokens held in the lookup cache now (at most the bound given to the constructor). */
  get cached(): number {
    return this.recent.size;
  }

  /** Creates a token; the plain token is returned once and never stored. */
  async create(input: {
    name: string;
    role: Role;
    createdBy: string | null;
    userId?: string;
    expiresAt?: Date | null | undefined;
    endpoints?: readonly string[] | null | undefined;
  }): Promise<{ token: string; info: TokenInfo }> {
    const token = newApiToken();
    const row = await this.db
      .insertInto('tokens')
      .values({
        id: randomUUID(),
        token_hash: hashApiToken(token),
        name: input.name,
        role: input.role,
        user_id: input.userId ?? null,
        created_by: input.createdBy,
        expires_at: input.expiresAt ?? null,
        endpoints: input.endpoints ? JSON.stringify(input.endpoints) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { token, info: toInfo(row) };
  }

  /** The live token with this plain value, if any: not revoked, not expired, its user (if any) not disabled. */
  async findActive(token: string, now = Date.now()): Promise<TokenInfo | undefined> {
    const hit = this.cachedActive(token, now);
    if (hit !== undefined) return hit;
    const hash = hashApiToken(token);
    const revocations = this.revocations;
    const row = await this.db
      .selectFrom('tokens')
      .leftJoin('users', 'users.id', 'tokens.user_id')
      .selectAll('tokens')
      .where('tokens.token_hash', '=', hash)
      .where('tokens.revoked_at', 'is', null)
      .where((eb) => eb.or([eb('tokens.expires_at', 'is', null), eb('tokens.expires_at', '>', sql<Date>`now()`)]))
      .where('users.disabled_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) {
      this.recent.delete(token);
      return undefined;
    }
    const info = toInfo(row);
    if (revocations !== this.revocations) return info;
    if (this.recent.size >= this.maxCached) this.recent.clear();
    this.recent.set(token, { info, until: now + tokenCacheMs });
    return info;
  }

  /** The live token as {@link findActive} found it within the last {@link tokenCacheMs}, without waiting; undefined when not cached. */
  cachedActive(token: string, now = Date.now()): TokenInfo | undefined {
    const hit = this.recent.get(token);
    if (hit === undefined || hit.until <= now || (hit.info.expiresAt !== null && hit.info.expiresAt.getTime() <= now)) return undefined;
    return hit.info;
  }

  /** Whether {@link touch} would write: the token's use was last recorded over a minute ago. */
  needsTouch(info: TokenInfo, now = Date.now()): boolean {
    return info.lastUsedAt === null || now - info.lastUsedAt.getTime() >= 60_000;
  }

  /** Records use, at most once a minute per token so reads stay reads. */
  async touch(info: TokenInfo): Promise<void> {
    if (!this.needsTouch(info)) return;
    await this.db.updateTable('tokens').set({ last_used_at: sql<Date>`now()` }).where('id', '=', info.id).execute();
    // The cached lookup holds this object: without this, every request after a minute would write again.
    info.lastUsedAt = new Date();
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
    // After the write, so a lookup racing with it cannot cache the token again.
    this.revocations++;
    this.recent.clear();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Rotation: a new token with the same name, role, scope and expiry, and the old one set to expire
   * after `overlapMs` (or at its own expiry, if sooner), in one transaction. Both work until then.
   */
  async rotate(
    id: string,
    overlapMs: number,
    createdBy: string,
  ): Promise<{ token: string; info: TokenInfo; previous: TokenInfo } | undefined> {
    const rotated = await this.db.transaction().execute(async (tx) => {
      const old = await tx
        .selectFrom('tokens')
        .selectAll()
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .where('user_id', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (old === undefined || (old.expires_at !== null && old.expires_at.getTime() <= Date.now())) return undefined;
      const token = newApiToken();
      const created = await tx
        .insertInto('tokens')
        .values({
          id: randomUUID(),
          token_hash: hashApiToken(token),
          name: old.name,
          role: old.role,
          user_id: null,
          created_by: createdBy,
          expires_at: old.expires_at,
          endpoints: old.endpoints === null ? null : JSON.stringify(toInfo(old).endpoints),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const until = new Date(Date.now() + overlapMs);
      const previous = await tx
        .updateTable('tokens')
        .set({ expires_at: old.expires_at !== null && old.expires_at < until ? old.expires_at : until })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { token, info: toInfo(created), previous: toInfo(previous) };
    });
    // The old token's new expiry applies to lookups this process remembered, at once.
    this.revocations++;
    this.recent.clear();
    return rotated;
  }

  /** Revokes every live token of a user (signed out everywhere); how many were live. */
  async revokeForUser(userId: string): Promise<number> {
    const result = await this.db
      .updateTable('tokens')
      .set({ revoked_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    this.revocations++;
    this.recent.clear();
    return Number(result.numUpdatedRows);
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
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    expiresAt: row.expires_at,
    endpoints: endpointsOf(row.endpoints),
  };
}

function endpointsOf(value: unknown): readonly string[] | null {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.map(String) : null;
}
