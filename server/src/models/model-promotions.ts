import type { CanaryPolicy } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/database';
import type { ModelPromotionsTable, PromotionMode, PromotionStatus } from '../db/tables/models';
import type { Logger } from '../logger';
import type { AuditRepository } from '../repositories/audit-repository';
import type { ModelRegistry } from './model-registry';

/** A promotion a run asked for, as the API shows it. */
export interface Promotion {
  key: string;
  name: string;
  version: number;
  mode: PromotionMode;
  endpoint: string | null;
  canary: { percent: number; policy: CanaryPolicy | null } | null;
  status: PromotionStatus;
  requestedBy: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  createdAt: string;
}

/** What a run asks for; `key` is already scoped by the host (occurrence or run, and node). */
export interface PromotionAsk {
  key: string;
  name: string;
  version: number;
  mode: PromotionMode;
  endpoint?: string | undefined;
  percent?: number | undefined;
  policy?: CanaryPolicy | undefined;
  requestedBy: string;
}

/** Puts a version on canary on an endpoint (the endpoint changes' own checks and audit apply). */
export type StartCanary = (
  endpoint: string,
  version: number,
  percent: number,
  policy: CanaryPolicy | undefined,
  actor: string,
) => Promise<void>;

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function toPromotion(row: Selectable<ModelPromotionsTable>): Promotion {
  return {
    key: row.key,
    name: row.model_name,
    version: row.version,
    mode: row.mode,
    endpoint: row.endpoint,
    canary: (json(row.canary) ?? null) as Promotion['canary'],
    status: row.status,
    requestedBy: row.requested_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
    reason: row.reason,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/**
 * Promotions runs ask for (continuous training): one per key and one per version. The first ask for a
 * key records it and carries it out; any later ask with the key (a retry of the occurrence, a second
 * scheduler) answers with that promotion and changes nothing. Production moves only in the registry's
 * own transaction, so a run killed before or during its ask leaves production as it was.
 */
export class ModelPromotions {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly registry: ModelRegistry,
    private readonly audit: AuditRepository,
    private readonly logger: Logger,
    private readonly startCanary?: StartCanary,
  ) {}

  async ask(ask: PromotionAsk): Promise<{ promotion: Promotion; created: boolean }> {
    if (ask.mode === 'canary' && (ask.endpoint === undefined || ask.endpoint === '')) {
      throw new UserError('REQUEST_INVALID', 'A canary promotion needs the endpoint to run the canary on.', {
        details: { field: 'endpoint' },
      });
    }
    const version = await this.registry.version(ask.name, ask.version);
    if (ask.mode !== 'approval' && version.gate?.passed !== true) {
      throw new UserError('GATE_REFUSED', `Version ${ask.version} of "${ask.name}" cannot be promoted: its gate did not pass.`, {
        details: { gate: version.gate },
      });
    }
    const canary = ask.mode === 'canary' ? { percent: ask.percent ?? 10, policy: ask.policy ?? null } : null;
    const inserted = await this.db
      .insertInto('model_promotions')
      .values({
        key: ask.key,
        model_name: ask.name,
        version: ask.version,
        mode: ask.mode,
        endpoint: ask.mode === 'canary' ? (ask.endpoint ?? null) : null,
        canary: canary === null ? null : JSON.stringify(canary),
        status: 'pending',
        requested_by: ask.requestedBy,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted === undefined) {
      const earlier = await this.db.selectFrom('model_promotions').selectAll().where('key', '=', ask.key).executeTakeFirst();
      if (earlier === undefined) {
        throw new UserError('CONFLICT', `Version ${ask.version} of "${ask.name}" was already asked to be promoted by another run.`);
      }
      const promotion = toPromotion(earlier);
      // An ask whose run died before carrying it out is carried out by the next (doing it twice changes nothing).
      if (promotion.status === 'pending' && promotion.mode !== 'approval')
        return { promotion: await this.carryOut(promotion, ask.requestedBy), created: false };
      return { promotion, created: false };
    }
    const promotion = toPromotion(inserted);
    this.logger.info('model promotion asked', { model: ask.name, version: ask.version, mode: ask.mode, key: ask.key });
    await this.audit.record({
      actor: ask.requestedBy,
      action: 'model.promotion.ask',
      target: `model:${ask.name}:${ask.version}`,
      details: { mode: ask.mode, key: ask.key, ...(promotion.endpoint === null ? {} : { endpoint: promotion.endpoint }) },
    });
    if (ask.mode === 'approval') return { promotion, created: true };
    try {
      return { promotion: await this.carryOut(promotion, ask.requestedBy), created: true };
    } catch (error) {
      // Refused (no such endpoint, inputs differ): nothing was promoted, and a retry may ask again.
      await this.db.deleteFrom('model_promotions').where('key', '=', promotion.key).where('status', '=', 'pending').execute();
      throw error;
    }
  }

  /** Promotions runs asked for, oldest first (of one model, or all); `awaiting` keeps those that wait for an ops approval. */
  async list(filter: { name?: string; awaiting?: boolean } = {}): Promise<Promotion[]> {
    let query = this.db.selectFrom('model_promotions').selectAll();
    if (filter.awaiting === true) query = query.where('mode', '=', 'approval').where('status', '=', 'pending');
    if (filter.name !== undefined) query = query.where('model_name', '=', filter.name);
    return (await query.orderBy('created_at').orderBy('key').execute()).map(toPromotion);
  }

  /** Ops approve a pending promotion: the version goes to production (endpoints following the alias move with it). */
  async approve(name: string, version: number, actor: string, reason: string | undefined): Promise<Promotion> {
    const approved = await this.decide(name, version, 'approved', actor, reason);
    try {
      await this.registry.setStage(name, version, 'production', { actor });
    } catch (error) {
      // Refused (gate, graph tests): it waits again, as it was.
      await this.db
        .updateTable('model_promotions')
        .set({ status: 'pending', decided_by: null, decided_at: null, reason: null })
        .where('key', '=', approved.key)
        .execute();
      throw error;
    }
    await this.record(approved, 'model.promotion.approve', actor, reason);
    return approved;
  }

  /** Ops reject a pending promotion: the version stays where it is. */
  async reject(name: string, version: number, actor: string, reason: string | undefined): Promise<Promotion> {
    const rejected = await this.decide(name, version, 'rejected', actor, reason);
    await this.record(rejected, 'model.promotion.reject', actor, reason);
    return rejected;
  }

  private async carryOut(promotion: Promotion, actor: string): Promise<Promotion> {
    if (promotion.mode === 'production') {
      await this.registry.setStage(promotion.name, promotion.version, 'production', { actor });
    } else if (promotion.mode === 'canary') {
      if (this.startCanary === undefined) throw new UserError('INTERNAL', 'This host cannot start canaries.');
      const canary = promotion.canary ?? { percent: 10, policy: null };
      await this.startCanary(promotion.endpoint ?? '', promotion.version, canary.percent, canary.policy ?? undefined, actor);
    }
    const row = await this.db
      .updateTable('model_promotions')
      .set({ status: 'applied', decided_by: actor, decided_at: new Date() })
      .where('key', '=', promotion.key)
      .returningAll()
      .executeTakeFirstOrThrow();
    this.logger.info('model promotion applied', { model: promotion.name, version: promotion.version, mode: promotion.mode });
    return toPromotion(row);
  }

  // Only a pending promotion is decided, once: of two decisions at once, the second finds it decided.
  private async decide(name: string, version: number, status: 'approved' | 'rejected', actor: string, reason: string | undefined) {
    const row = await this.db
      .updateTable('model_promotions')
      .set({ status, decided_by: actor, decided_at: new Date(), reason: reason ?? null })
      .where('model_name', '=', name)
      .where('version', '=', version)
      .where('mode', '=', 'approval')
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (row !== undefined) return toPromotion(row);
    const known = await this.db
      .selectFrom('model_promotions')
      .select('status')
      .where('model_name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
    if (known === undefined) throw new UserError('NOT_FOUND', `Version ${version} of "${name}" waits for no approval.`);
    throw new UserError('CONFLICT', `The promotion of version ${version} of "${name}" was already decided: ${known.status}.`);
  }

  private async record(promotion: Promotion, action: string, actor: string, reason: string | undefined): Promise<void> {
    this.logger.info(action === 'model.promotion.approve' ? 'model promotion approved' : 'model promotion rejected', {
      model: promotion.name,
      version: promotion.version,
      actor,
    });
    await this.audit.record({
      actor,
      action,
      target: `model:${promotion.name}:${promotion.version}`,
      details: { key: promotion.key, requestedBy: promotion.requestedBy, ...(reason ? { reason } : {}) },
    });
  }
}
