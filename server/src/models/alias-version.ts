import { UserError } from '@causeway/sdk';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database';

/** The registry aliases an endpoint can follow: the one version in production, the newest in staging. */
export const modelAliases = ['production', 'staging'] as const;
export type ModelAlias = (typeof modelAliases)[number];

export function isModelAlias(value: string): value is ModelAlias {
  return (modelAliases as readonly string[]).includes(value);
}

export function aliasOf(value: string): ModelAlias {
  if (!isModelAlias(value)) throw new UserError('REQUEST_INVALID', `"${value}" is not a model alias: use ${modelAliases.join(' or ')}.`);
  return value;
}

/** The version an alias names now, or null when none does. */
export async function aliasVersion(db: Kysely<Database> | Transaction<Database>, model: string, alias: string): Promise<number | null> {
  const row = await db
    .selectFrom('model_versions')
    .select('version')
    .where('model_name', '=', model)
    .where('stage', '=', aliasOf(alias))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.version ?? null;
}
