import { isDeepStrictEqual } from 'node:util';
import { UserError } from '@causeway/sdk';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database';
import { aliasVersion } from '../models/alias-version';
import { isForeignKeyViolation, isUniqueViolation } from '../repositories/constraint-violations';
import { type EndpointState, endpointStateOf } from './endpoint-state';

/** What kind of change an endpoint went through. */
export type EndpointChangeKind = 'create' | 'promote' | 'rollback' | 'canary' | 'shadow' | 'sampling';

/** One entry of an endpoint's history. */
export interface EndpointChange {
  id: number;
  kind: EndpointChangeKind;
  fromVersion: number | null;
  toVersion: number | null;
  override: boolean;
  reason: string;
  details: Record<string, unknown>;
  actor: string;
  at: Date;
}

/** What creating an endpoint takes. */
export interface NewEndpoint {
  name: string;
  modelName: string;
  /** Default `production`. */
  alias?: string;
  description: string;
  sampleRate: number;
  retentionDays: number;
  actor: string;
}

/** A promotion or rollback, as {@link rollbackTarget} replays them. */
export interface ServedChange {
  kind: 'promote' | 'rollback';
  version: number;
}

/** A change to apply: the new column values, and what to record about it. */
export interface EndpointUpdate {
  kind: Exclude<EndpointChangeKind, 'create'>;
  set: (current: EndpointState) => {
    active_version?: number | null;
    canary_version?: number | null;
    canary_percent?: number;
    shadow_version?: number | null;
    shadow_tolerance?: number;
    canary_policy?: string | null;
    canary_started_at?: Date | null;
    sample_rate?: number;
    retention_days?: number;
    feedback?: boolean;
  };
  fromVersion: (current: EndpointState) => number | null;
  /** Applies the change only while this holds of the locked row (a decision made on what was read before). */
  when?: (current: EndpointState) => boolean;
  toVersion: number | null;
  override?: boolean;
  reason?: string;
  details?: Record<string, unknown>;
  actor: string;
  /** Runs in the change's transaction once the row is written, e.g. to move the registry alias the endpoint follows. */
  within?: (tx: Transaction<Database>, updated: EndpointState) => Promise<void>;
}

/** Endpoints and their change history. Every change bumps `revision` and writes a history row in one transaction. */
export class EndpointsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: NewEndpoint) {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const model = await tx.selectFrom('models').select('archived_at').where('name', '=', input.modelName).executeTakeFirst();
        if (model?.archived_at) throw new UserError('CONFLICT', `Model "${input.modelName}" is archived; an endpoint cannot serve it.`);
        const row = await tx
          .insertInto('endpoints')
          .values({
            name: input.name,
            model_name: input.modelName,
            alias: input.alias ?? 'production',
            // Following the alias from the start: its version answers.
            active_version: await aliasVersion(tx, input.modelName, input.alias ?? 'production'),
            description: input.description,
            sample_rate: input.sampleRate,
            retention_days: input.retentionDays,
            created_by: input.actor,
            updated_at: sql<Date>`now()`,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordEndpointChange(tx, input.name, {
          kind: 'create',
          fromVersion: null,
          toVersion: null,
          actor: input.actor,
          details: { model: input.modelName, alias: input.alias ?? 'production' },
        });
        return endpointStateOf(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserError('CONFLICT', `An endpoint named "${input.name}" already exists.`, { cause: error });
      if (isForeignKeyViolation(error))
        throw new UserError('MODEL_VERSION_UNKNOWN', `The model registry has no model named "${input.modelName}".`, { cause: error });
      throw error;
    }
  }

  async get(name: string): Promise<EndpointState | undefined> {
    const row = await this.db.selectFrom('endpoints').selectAll().where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : endpointStateOf(row);
  }

  async list(): Promise<EndpointState[]> {
    const rows = await this.db.selectFrom('endpoints').selectAll().orderBy('name').execute();
    return rows.map(endpointStateOf);
  }

  /**
   * Applies a change under a row lock, so two ops changing one endpoint at once both land in order. A
   * change that leaves every column as it is writes nothing: no revision, no history (`changed: false`).
   */
  async update(name: string, update: EndpointUpdate): Promise<{ state: EndpointState; changed: boolean }> {
    return this.db.transaction().execute(async (tx) => {
      if (update.within !== undefined) {
        // Lock in the registry's order (model row, then its endpoints), so a promotion there cannot deadlock with this one.
        const model = await tx.selectFrom('endpoints').select('model_name').where('name', '=', name).executeTakeFirst();
        if (model !== undefined) await tx.selectFrom('models').select('name').where('name', '=', model.model_name).forUpdate().execute();
      }
      const row = await tx.selectFrom('endpoints').selectAll().where('name', '=', name).forUpdate().executeTakeFirst();
      if (row === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${name}".`);
      const current = endpointStateOf(row);
      if (update.when !== undefined && !update.when(current)) return { state: current, changed: false };
      const set = update.set(current);
      if (isDeepStrictEqual(endpointStateOf({ ...row, ...set }), current)) return { state: current, changed: false };
      const updated = await tx
        .updateTable('endpoints')
        .set({ ...set, revision: sql<number>`revision + 1`, updated_at: sql<Date>`now()` })
        .where('name', '=', name)
        .returningAll()
        .executeTakeFirstOrThrow();
      const { within, ...change } = update;
      await recordEndpointChange(tx, name, { ...change, fromVersion: update.fromVersion(current) });
      const state = endpointStateOf(updated);
      await within?.(tx, state);
      return { state, changed: true };
    });
  }

  /** Deletes an endpoint with its history, stored samples and counts (the foreign keys cascade); undefined when there was none. */
  async delete(name: string): Promise<EndpointState | undefined> {
    const row = await this.db.deleteFrom('endpoints').where('name', '=', name).returningAll().executeTakeFirst();
    return row === undefined ? undefined : endpointStateOf(row);
  }

  /** Newest first. */
  async history(name: string, page: { limit: number; offset: number }): Promise<EndpointChange[]> {
    const rows = await this.db
      .selectFrom('endpoint_changes')
      .selectAll()
      .where('endpoint_name', '=', name)
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((row) => ({
      id: Number(row.id),
      kind: row.kind as EndpointChangeKind,
      fromVersion: row.from_version,
      toVersion: row.to_version,
      override: row.override,
      reason: row.reason,
      details: (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>,
      actor: row.actor,
      at: row.at,
    }));
  }

  /** The promotions and rollbacks of the endpoint, oldest first. */
  async servedChanges(name: string): Promise<ServedChange[]> {
    const rows = await this.db
      .selectFrom('endpoint_changes')
      .select(['kind', 'to_version'])
      .where('endpoint_name', '=', name)
      .where('kind', 'in', ['promote', 'rollback'])
      .where('to_version', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ kind: r.kind as ServedChange['kind'], version: r.to_version as number }));
  }
}

/** Writes one history row in the caller's transaction (endpoint changes, and endpoints following a registry alias). */
export async function recordEndpointChange(
  tx: Transaction<Database>,
  name: string,
  change: {
    kind: EndpointChangeKind;
    fromVersion: number | null;
    toVersion: number | null;
    override?: boolean;
    reason?: string;
    details?: Record<string, unknown>;
    actor: string;
  },
): Promise<void> {
  await tx
    .insertInto('endpoint_changes')
    .values({
      endpoint_name: name,
      kind: change.kind,
      from_version: change.fromVersion,
      to_version: change.toVersion,
      override: change.override ?? false,
      reason: change.reason ?? '',
      details: JSON.stringify(change.details ?? {}),
      actor: change.actor,
    })
    .execute();
}
