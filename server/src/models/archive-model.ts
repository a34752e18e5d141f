import { UserError } from '@causeway/sdk';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database';

/**
 * Archives a model in one transaction: refused with 409 `CONFLICT` naming the endpoints while any
 * endpoint answers, canaries or shadows one of its versions; otherwise every version not yet archived
 * goes to `archived` (so nothing resolves `production` or `staging` of it any more) and the model is
 * marked archived. Archiving an archived model changes nothing.
 */
export async function archiveModel(db: Kysely<Database>, name: string): Promise<{ archivedAt: Date; archivedVersions: number[] }> {
  return db.transaction().execute(async (tx) => {
    const model = await tx.selectFrom('models').select(['name', 'archived_at']).where('name', '=', name).forUpdate().executeTakeFirst();
    if (model === undefined) throw new UserError('MODEL_VERSION_UNKNOWN', `The model registry has no model named "${name}".`);
    const serving = await tx
      .selectFrom('endpoints')
      .select('name')
      .where('model_name', '=', name)
      .where((eb) =>
        eb.or([eb('active_version', 'is not', null), eb('canary_version', 'is not', null), eb('shadow_version', 'is not', null)]),
      )
      .orderBy('name')
      .execute();
    if (serving.length > 0) {
      const names = serving.map((e) => e.name);
      throw new UserError(
        'CONFLICT',
        `Model "${name}" cannot be archived while endpoints serve it: ${names.map((n) => `"${n}"`).join(', ')}. Delete them first.`,
        { details: { endpoints: names } },
      );
    }
    const moved = await tx
      .updateTable('model_versions')
      .set({ stage: 'archived' })
      .where('model_name', '=', name)
      .where('stage', '<>', 'archived')
      .returning('version')
      .execute();
    const row = await tx
      .updateTable('models')
      .set({ archived_at: sql<Date>`coalesce(archived_at, now())` })
      .where('name', '=', name)
      .returning('archived_at')
      .executeTakeFirstOrThrow();
    return { archivedAt: row.archived_at as Date, archivedVersions: moved.map((m) => m.version).sort((a, b) => a - b) };
  });
}
