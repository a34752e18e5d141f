import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** Who uploaded each file in the files folder, by its name there. A file with no row has no owner yet. */
export class FileOwnersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(name: string): Promise<string | undefined> {
    return (await this.db.selectFrom('file_owners').select('owner').where('path', '=', name).executeTakeFirst())?.owner;
  }

  /** Every file's owner, by name. */
  async all(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('file_owners').select(['path', 'owner']).execute();
    return new Map(rows.map((r) => [r.path, r.owner]));
  }

  /** Records `owner` for a file that has none; a file keeps its first owner when someone allowed replaces it. */
  async claim(name: string, owner: string): Promise<void> {
    await this.db
      .insertInto('file_owners')
      .values({ path: name, owner })
      .onConflict((oc) => oc.column('path').doNothing())
      .execute();
  }

  async forget(name: string): Promise<void> {
    await this.db.deleteFrom('file_owners').where('path', '=', name).execute();
  }
}
