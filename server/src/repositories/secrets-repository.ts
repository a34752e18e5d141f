import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import type { EncryptedSecret } from '../secrets/secret-cipher';

/** A secret as listed: its name and history, never its value. */
export interface SecretInfo {
  name: string;
  keyId: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

/** Encrypted secrets by name. */
export class SecretsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates or replaces a secret; true when it was created. */
  async put(name: string, encrypted: EncryptedSecret, actor: string): Promise<boolean> {
    const row = await this.db
      .insertInto('secrets')
      .values({ name, ...encrypted, created_by: actor, updated_by: actor, updated_at: sql<Date>`now()` })
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
      .select(['name', 'key_id', 'created_by', 'created_at', 'updated_by', 'updated_at'])
      .orderBy('name')
      .execute();
    return rows.map((r) => ({
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

  async delete(name: string): Promise<boolean> {
    const result = await this.db.deleteFrom('secrets').where('name', '=', name).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
