import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

/** One audit entry as read back. */
export interface AuditEntry {
  id: number;
  actor: string;
  action: string;
  target: string;
  details: Record<string, unknown>;
  at: Date;
}

/** The append-only audit log: who did what to which resource, and when. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(entry: { actor: string; action: string; target: string; details?: Record<string, unknown> }): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ actor: entry.actor, action: entry.action, target: entry.target, details: JSON.stringify(entry.details ?? {}) })
      .execute();
  }

  /** Newest first. */
  async list(page: { limit: number; offset: number; action?: string }): Promise<{ items: AuditEntry[]; total: number }> {
    let query = this.db.selectFrom('audit_log');
    if (page.action !== undefined) query = query.where('action', '=', page.action);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    ]);
    const items = rows.map((row) => ({
      id: Number(row.id),
      actor: row.actor,
      action: row.action,
      target: row.target,
      details: (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<string, unknown>,
      at: row.at,
    }));
    return { items, total: Number(count.n) };
  }
}
