import { UserError } from '@causeway/sdk';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import { recordEndpointChange } from '../endpoints/endpoints-repository';
import { requirePassedGraphTests } from '../graph-tests/require-passed-tests';
import { aliasOf, aliasVersion } from './alias-version';

/**
 * Points an alias at a version, in the caller's transaction (which holds the model row's lock):
 * production archives the version it held; staging sends newer staging versions back to `none`, so
 * the newest in staging is this one.
 */
export async function moveAlias(tx: Transaction<Database>, model: string, alias: string, version: number): Promise<void> {
  const stage = aliasOf(alias);
  const source = await tx
    .selectFrom('model_versions')
    .select(['graph_id as graphId', 'graph_version as graphVersion', 'stage'])
    .where('model_name', '=', model)
    .where('version', '=', version)
    .executeTakeFirst();
  if (source !== undefined && source.stage !== stage) await requirePassedGraphTests(tx, model, source, 'promoted');
  let others = tx.updateTable('model_versions').where('model_name', '=', model).where('stage', '=', stage).where('version', '<>', version);
  if (stage === 'staging') others = others.where('version', '>', version);
  await others.set({ stage: stage === 'production' ? 'archived' : 'none' }).execute();
  const moved = await tx
    .updateTable('model_versions')
    .set({ stage })
    .where('model_name', '=', model)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (moved === undefined) throw new UserError('MODEL_VERSION_UNKNOWN', `Model "${model}" has no version ${version}.`);
}

/**
 * Brings every endpoint of the model to the version of the alias it follows, in the caller's
 * transaction: the row's active version, a new revision (which every process's state cache picks up
 * within its one-second refresh) and a history row. An alias that names no version leaves its
 * endpoints as they are. Returns the endpoints moved.
 */
export async function followAliases(tx: Transaction<Database>, model: string, actor: string): Promise<string[]> {
  const endpoints = await tx
    .selectFrom('endpoints')
    .select(['name', 'alias', 'active_version'])
    .where('model_name', '=', model)
    .orderBy('name')
    .forUpdate()
    .execute();
  const moved: string[] = [];
  for (const endpoint of endpoints) {
    const version = await aliasVersion(tx, model, endpoint.alias);
    if (version === null || version === endpoint.active_version) continue;
    await tx
      .updateTable('endpoints')
      .set({
        active_version: version,
        canary_version: sql<number | null>`case when canary_version = ${version} then null else canary_version end`,
        canary_percent: sql<number>`case when canary_version = ${version} then 0 else canary_percent end`,
        revision: sql<number>`revision + 1`,
        updated_at: sql<Date>`now()`,
      })
      .where('name', '=', endpoint.name)
      .execute();
    await recordEndpointChange(tx, endpoint.name, {
      kind: 'promote',
      fromVersion: endpoint.active_version,
      toVersion: version,
      actor,
      details: { alias: endpoint.alias, via: 'registry' },
    });
    moved.push(endpoint.name);
  }
  return moved;
}
