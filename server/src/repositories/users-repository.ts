import { randomUUID } from 'node:crypto';
import { UserError } from '@causeway/sdk';
import { type Kysely, sql } from 'kysely';
import { hashPassword, verifyPassword } from '../auth/password';
import type { Role } from '../auth/roles';
import type { Database, UserRow } from '../db/database';
import { isUniqueViolation } from './constraint-violations';

/** A user as listed: never the password hash. */
export interface UserInfo {
  id: string;
  name: string;
  role: string;
  hasPassword: boolean;
  createdAt: Date;
  disabledAt: Date | null;
}

/** People who sign in: name, role, password (scrypt), disabled or not. */
export class UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: { name: string; role: Role; password?: string }): Promise<UserInfo> {
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    try {
      const row = await this.db
        .insertInto('users')
        .values({ id: randomUUID(), name: input.name, role: input.role, password_hash: passwordHash })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toInfo(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserError('CONFLICT', `A user named "${input.name}" exists already.`);
      throw error;
    }
  }

  async list(): Promise<UserInfo[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('name').execute()).map(toInfo);
  }

  async get(id: string): Promise<UserInfo | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toInfo(row);
  }

  /** Changes role, password or disabled state; undefined when there is no such user. */
  async update(
    id: string,
    change: { role?: Role | undefined; password?: string | undefined; disabled?: boolean | undefined },
  ): Promise<UserInfo | undefined> {
    const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
    const row = await this.db
      .updateTable('users')
      .set({
        updated_at: sql<Date>`now()`,
        ...(change.role === undefined ? {} : { role: change.role }),
        ...(passwordHash === undefined ? {} : { password_hash: passwordHash }),
        ...(change.disabled === undefined ? {} : { disabled_at: change.disabled ? sql<Date>`coalesce(disabled_at, now())` : null }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toInfo(row);
  }

  /** The enabled user with this name and password, or undefined; takes the same time whichever part is wrong. */
  async authenticate(name: string, password: string): Promise<UserInfo | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    const matches = await verifyPassword(password, row?.password_hash ?? null);
    return row !== undefined && matches && row.disabled_at === null ? toInfo(row) : undefined;
  }
}

function toInfo(row: UserRow): UserInfo {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}
