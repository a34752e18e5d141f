import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { EncryptedSecret } from '../secrets/secret-cipher';
import { defaultGrants, grantsOf, type SecretGrants } from '../secrets/secret-grants';

/** A secret as listed: its name and history, never its value. */
export interface SecretInfo {
  name: string;
  keyId: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  /** Who may use it besides admins. */
  grants: SecretGrants;
}

/** Encrypted secrets by name. */
export class SecretsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates or replaces a secret (a new one is granted to its creator only); true when it was created. */
  async put(name: string, encrypted: EncryptedSecret, actor: string): Promise<boolean> {
    const row = await this.db
      .insertInto('secrets')
      .values({
        name,
        ...encrypted,
        created_by: actor,
        updated_by: actor,
        updated_at: sql<Date>`now()`,
        grants: JSON.stringify(defaultGrants(actor)),
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          ciphertext: encrypted.ciphertext,
          iv: encrypted.iv,
          tag: encrypted.tag,
          key_id: encrypted.key_id,
          updated_by: actor,
          updated_at: sql<Date>`now()`,
        }),
      )
      // xmax = 0 only for a freshly inserted row.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .executeTakeFirstOrThrow();
    return row.inserted === true;
  }

  async list(): Promise<SecretInfo[]> {
    const rows = await this.db
      .selectFrom('secrets')
      .select(['name', 'key_id', 'created_by', 'created_at', 'updated_by', 'updated_at', 'grants'])
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
      grants: grantsOf(r.grants),
      name: r.name,
      keyId: r.key_id,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedBy: r.updated_by,
      updatedAt: r.updated_at,
    }));
  }

  async getEncrypted(name: string): Promise<EncryptedSecret | undefined> {
    return this.db.selectFrom('secrets').select(['ciphertext', 'iv', 'tag', 'key_id']).where('name', '=', name).executeTakeFirst();
  }

  /** The encrypted value with its grants and owner, or undefined when there is no such secret. */
  async getWithGrants(name: string): Promise<{ encrypted: EncryptedSecret; grants: SecretGrants; owner: string } | undefined> {
    const row = await this.db
      .selectFrom('secrets')
      .select(['ciphertext', 'iv', 'tag', 'key_id', 'grants', 'created_by'])
      .where('name', '=', name)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { grants, created_by, ...encrypted } = row;
    return { encrypted, grants: grantsOf(grants), owner: created_by };
  }

  /** Who made the secret (its owner), or undefined when there is none. */
  async ownerOf(name: string): Promise<string | undefined> {
    return (await this.db.selectFrom('secrets').select('created_by').where('name', '=', name).executeTakeFirst())?.created_by;
  }

  /** Replaces who may use the secret; false when there is none. */
  async setGrants(name: string, grants: SecretGrants): Promise<boolean> {
    const result = await this.db
      .updateTable('secrets')
      .set({ grants: JSON.stringify(grants) })
      .where('name', '=', name)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async delete(name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('secrets').where('name', '=', name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
