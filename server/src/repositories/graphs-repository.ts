import { UserError } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database, GraphRow } from '../db/database';
import { isForeignKeyViolation, isUniqueViolation } from './constraint-violations';

/** A saved graph's record (its content lives in versions). */
export interface GraphInfo {
  id: string;
  name: string;
  latestVersion: number;
  createdBy: string;
  /** Who may change it besides admins; null: anyone who may write graphs (a shared template). */
  owner: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One immutable version; `graph` is the serialized JSON text. */
export interface GraphVersion {
  graphId: string;
  version: number;
  author: string;
  message: string;
  createdAt: Date;
}

/** Graphs and their immutable versions. */
export class GraphsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates a graph with its first version; `CONFLICT` when the id is taken. */
  /** Creates a graph owned by its author, or by nobody (`shared`, as templates are). */
  async create(input: { id: string; name: string; graph: string; author: string; message: string; shared?: boolean }): Promise<GraphInfo> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('graphs')
          .values({
            id: input.id,
            name: input.name,
            latest_version: 1,
            created_by: input.author,
            owner: input.shared === true ? null : input.author,
            updated_at: sql<Date>`now()`,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('graph_versions')
          .values({ graph_id: input.id, version: 1, graph: input.graph, author: input.author, message: input.message })
          .execute();
        return toInfo(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new UserError('CONFLICT', `A graph with id "${input.id}" already exists.`, { cause: error });
      throw error;
    }
  }

  /** Searches by name or id (case-insensitive substring), most recently updated first. */
  async list(page: { q?: string; limit: number; offset: number }): Promise<{ items: GraphInfo[]; total: number }> {
    let query = this.db.selectFrom('graphs');
    if (page.q !== undefined && page.q !== '') {
      const pattern = `%${page.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(id)`, 'like', pattern)]));
    }
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute(),
      query.select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(toInfo), total: Number(count.n) };
  }

  async get(id: string): Promise<GraphInfo | undefined> {
    const row = await this.db.selectFrom('graphs').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toInfo(row);
  }

  async rename(id: string, name: string): Promise<GraphInfo | undefined> {
    const row = await this.db
      .updateTable('graphs')
      .set({ name, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : toInfo(row);
  }

  /** Deletes a graph and its versions; refused while runs still point at one of them, so no run history is lost. */
  async delete(id: string): Promise<boolean> {
    try {
      const result = await this.db.deleteFrom('graphs').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    } catch (error) {
      if (isForeignKeyViolation(error)) {
        throw new UserError('CONFLICT', `Graph "${id}" has runs; it cannot be deleted while their history refers to it.`, { cause: error });
      }
      throw error;
    }
  }

  /**
   * Appends a version and takes the graph's name from it; the row lock on the graph numbers
   * concurrent saves without gaps. A graph whose text equals the latest version's is not a change:
   * the latest version comes back with `unchanged: true` and nothing is written. Stored text is
   * canonical JSON, so equal graphs have equal text. With `baseVersion` (the version the edit
   * started from), a save over a newer version is refused with `GRAPH_VERSION_CONFLICT`.
   */
  async addVersion(
    id: string,
    input: { graph: string; name: string; author: string; message: string; baseVersion?: number },
  ): Promise<(GraphVersion & { unchanged: boolean }) | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const graph = await tx.selectFrom('graphs').select('latest_version').where('id', '=', id).forUpdate().executeTakeFirst();
      if (graph === undefined) return undefined;
      const latest = await tx
        .selectFrom('graph_versions')
        .select(['graph_id', 'version', 'author', 'message', 'created_at', 'graph'])
        .where('graph_id', '=', id)
        .where('version', '=', graph.latest_version)
        .executeTakeFirst();
      if (latest !== undefined && latest.graph === input.graph) return { ...toVersion(latest), unchanged: true };
      if (input.baseVersion !== undefined && input.baseVersion !== graph.latest_version) {
        throw new UserError(
          'GRAPH_VERSION_CONFLICT',
          `Graph "${id}" was saved as version ${graph.latest_version} by ${latest?.author ?? 'someone'} after version ${input.baseVersion}, which this edit started from; compare, then merge or overwrite.`,
          { details: { baseVersion: input.baseVersion, latestVersion: graph.latest_version, latestAuthor: latest?.author ?? null } },
        );
      }
      const next = graph.latest_version + 1;
      await tx
        .updateTable('graphs')
        .set({ latest_version: next, name: input.name, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
      const version = await tx
        .insertInto('graph_versions')
        .values({ graph_id: id, version: next, graph: input.graph, author: input.author, message: input.message })
        .returning(['graph_id', 'version', 'author', 'message', 'created_at'])
        .executeTakeFirstOrThrow();
      return { ...toVersion(version), unchanged: false };
    });
  }

  /** Versions without their bodies, newest first. */
  async listVersions(id: string): Promise<GraphVersion[]> {
    const rows = await this.db
      .selectFrom('graph_versions')
      .select(['graph_id', 'version', 'author', 'message', 'created_at'])
      .where('graph_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map(toVersion);
  }

  /** One version with its serialized graph. */
  async getVersion(id: string, version: number): Promise<(GraphVersion & { graph: string }) | undefined> {
    const row = await this.db
      .selectFrom('graph_versions')
      .selectAll()
      .where('graph_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row === undefined ? undefined : { ...toVersion(row), graph: row.graph };
  }
}

function toInfo(row: GraphRow): GraphInfo {
  return {
    id: row.id,
    name: row.name,
    latestVersion: row.latest_version,
    createdBy: row.created_by,
    owner: row.owner,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toVersion(row: { graph_id: string; version: number; author: string; message: string; created_at: Date }): GraphVersion {
  return { graphId: row.graph_id, version: row.version, author: row.author, message: row.message, createdAt: row.created_at };
}
