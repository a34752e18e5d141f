import { modelNamePattern } from '@causeway/contract';
import { type ScoringPath, UserError } from '@causeway/sdk';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import type { ModelStage, ModelVersionsTable } from '../db/tables/models';
import { requirePassedGraphTests } from '../graph-tests/require-passed-tests';
import { isUniqueViolation } from '../repositories/constraint-violations';
import { compareVersions, type VersionComparison } from './compare-versions';
import { followAliases } from './model-aliases';
import type { ModelVersion } from './model-version';

/** A model name: what URLs, host calls and artifact owners carry. */
export { modelNamePattern };

/** What {@link ModelRegistry.register} records. */
export interface NewModelVersion {
  name: string;
  description?: string | undefined;
  onnx: Uint8Array;
  card: unknown;
  metrics: Record<string, number>;
  gate?: { passed: boolean; reason: string } | undefined;
  scoringPath?: ScoringPath | undefined;
  graphId?: string | undefined;
  graphVersion?: number | undefined;
  runId?: number | undefined;
  idempotencyKey?: string | undefined;
  createdBy?: string | undefined;
}

/** A model with where its versions stand. */
export interface ModelSummary {
  name: string;
  description: string;
  createdBy: string | null;
  createdAt: string;
  versions: number;
  latestVersion: number | null;
  productionVersion: number | null;
  stagingVersions: number[];
}

/** What a stage change did: the version's stage before, and versions moved out of production. */
export interface StageChange {
  version: ModelVersion;
  previousStage: ModelStage;
  archived: number[];
}

const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function toVersion(row: Selectable<ModelVersionsTable>): ModelVersion {
  return {
    name: row.model_name,
    version: row.version,
    stage: row.stage,
    artifactHash: row.artifact_hash,
    card: json(row.card),
    metrics: (json(row.metrics) ?? {}) as Record<string, number>,
    gate: (json(row.gate) ?? null) as ModelVersion['gate'],
    scoringPath: (json(row.scoring_path) ?? null) as ScoringPath | null,
    graphId: row.graph_id,
    graphVersion: row.graph_version,
    runId: row.run_id === null ? null : Number(row.run_id),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

const unknownModel = (name: string) => new UserError('MODEL_VERSION_UNKNOWN', `No model named "${name}" is registered.`);
const unknownVersion = (name: string, version: number | string) =>
  new UserError('MODEL_VERSION_UNKNOWN', `Model "${name}" has no version ${version}.`);

/**
 * The model registry: models, their immutable versions (ONNX bytes in the artifact store, held by
 * `model:<name>:<version>`), stages with at most one production version per model, and comparisons.
 */
export class ModelRegistry {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly artifacts: ArtifactStore,
  ) {}

  /**
   * Adds the next version of `name` (creating the model on first use). With an idempotency key
   * already used, returns that version with `created: false` instead of adding another.
   */
  async register(input: NewModelVersion): Promise<{ name: string; version: number; created: boolean }> {
    if (!modelNamePattern.test(input.name)) {
      throw new UserError('INPUT_INVALID', `"${input.name}" is not a valid model name: use letters, digits, ".", "_" or "-" (up to 128).`);
    }
    const earlier = await this.byKey(input.idempotencyKey);
    if (earlier !== undefined) return { ...earlier, created: false };
    const source = { graphId: input.graphId ?? null, graphVersion: input.graphVersion ?? null };
    await requirePassedGraphTests(this.db, input.name, source, 'registered');
    const stored = await this.artifacts.put(input.onnx, 'onnx');
    let version: number;
    try {
      version = await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('models')
          .values({ name: input.name, description: input.description ?? '', created_by: input.createdBy ?? null })
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
        // The model row's lock numbers versions one at a time.
        await trx.selectFrom('models').select('name').where('name', '=', input.name).forUpdate().executeTakeFirstOrThrow();
        const next = await nextVersion(trx, input.name);
        await trx
          .insertInto('model_versions')
          .values({
            model_name: input.name,
            version: next,
            artifact_hash: stored.hash,
            card: JSON.stringify(input.card ?? {}),
            metrics: JSON.stringify(input.metrics),
            gate: input.gate === undefined ? null : JSON.stringify({ passed: input.gate.passed, reason: input.gate.reason }),
            scoring_path: input.scoringPath === undefined ? null : JSON.stringify(input.scoringPath),
            graph_id: input.graphId ?? null,
            graph_version: input.graphVersion ?? null,
            run_id: input.runId ?? null,
            idempotency_key: input.idempotencyKey ?? null,
            created_by: input.createdBy ?? null,
          })
          .execute();
        return next;
      });
    } catch (error) {
      // Two retries of one run raced: the loser answers with the winner's version.
      const winner = isUniqueViolation(error) ? await this.byKey(input.idempotencyKey) : undefined;
      if (winner !== undefined) return { ...winner, created: false };
      throw error;
    }
    await this.artifacts.hold(stored.hash, `model:${input.name}:${version}`);
    return { name: input.name, version, created: true };
  }

  private async byKey(key: string | undefined): Promise<{ name: string; version: number } | undefined> {
    if (key === undefined) return undefined;
    const row = await this.db
      .selectFrom('model_versions')
      .select(['model_name', 'version'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    return row === undefined ? undefined : { name: row.model_name, version: row.version };
  }

  /** Every model (or only the one named), by name, with its version count, latest, production and staging versions. */
  async list(only?: string): Promise<ModelSummary[]> {
    let models = this.db.selectFrom('models').selectAll();
    let stages = this.db.selectFrom('model_versions').select(['model_name', 'version', 'stage']);
    if (only !== undefined) {
      models = models.where('name', '=', only);
      stages = stages.where('model_name', '=', only);
    }
    const [rows, versions] = await Promise.all([models.orderBy('name').execute(), stages.orderBy('version').execute()]);
    return rows.map((m) => {
      const own = versions.filter((v) => v.model_name === m.name);
      return {
        name: m.name,
        description: m.description,
        createdBy: m.created_by,
        createdAt: new Date(m.created_at).toISOString(),
        versions: own.length,
        latestVersion: own.at(-1)?.version ?? null,
        productionVersion: own.find((v) => v.stage === 'production')?.version ?? null,
        stagingVersions: own.filter((v) => v.stage === 'staging').map((v) => v.version),
      };
    });
  }

  /** One model's summary; MODEL_VERSION_UNKNOWN when there is none. */
  async get(name: string): Promise<ModelSummary> {
    const [summary] = await this.list(name);
    if (summary === undefined) throw unknownModel(name);
    return summary;
  }

  /** A model's versions, newest first. */
  async versions(name: string): Promise<ModelVersion[]> {
    await this.get(name);
    const rows = await this.db.selectFrom('model_versions').selectAll().where('model_name', '=', name).orderBy('version', 'desc').execute();
    return rows.map(toVersion);
  }

  /** One version, by number, stage (`production`, `staging`: the newest in it) or `latest`. */
  async version(name: string, selector: number | 'production' | 'staging' | 'latest'): Promise<ModelVersion> {
    let query = this.db.selectFrom('model_versions').selectAll().where('model_name', '=', name);
    if (typeof selector === 'number') query = query.where('version', '=', selector);
    else if (selector !== 'latest') query = query.where('stage', '=', selector);
    const row = await query.orderBy('version', 'desc').limit(1).executeTakeFirst();
    if (row !== undefined) return toVersion(row);
    await this.get(name);
    throw typeof selector === 'number' ? unknownVersion(name, selector) : unknownVersion(name, `in stage "${selector}"`);
  }

  /** The ONNX bytes of a version. */
  async readOnnx(name: string, version: number): Promise<Uint8Array> {
    return this.artifacts.read((await this.version(name, version)).artifactHash);
  }

  /**
   * Moves a version to a stage. Production needs a gate that passed, or `override` (the caller audits it);
   * the version in production before is archived in the same transaction, so there is never more than one.
   * Endpoints following the production or staging alias move with it, in the same transaction.
   */
  async setStage(
    name: string,
    version: number,
    stage: ModelStage,
    options: { override?: boolean; actor?: string } = {},
  ): Promise<StageChange> {
    return this.db.transaction().execute(async (trx) => {
      const model = await trx.selectFrom('models').select('name').where('name', '=', name).forUpdate().executeTakeFirst();
      if (model === undefined) throw unknownModel(name);
      const row = await trx
        .selectFrom('model_versions')
        .selectAll()
        .where('model_name', '=', name)
        .where('version', '=', version)
        .executeTakeFirst();
      if (row === undefined) throw unknownVersion(name, version);
      const current = toVersion(row);
      if ((stage === 'staging' || stage === 'production') && current.stage !== stage) {
        await requirePassedGraphTests(trx, name, current, 'promoted');
      }
      if (stage === 'production' && current.stage !== 'production' && current.gate?.passed !== true && options.override !== true) {
        const why = current.gate === null ? 'it was registered without a gate verdict' : `its gate did not pass (${current.gate.reason})`;
        throw new UserError(
          'GATE_REFUSED',
          `Version ${version} of "${name}" cannot go to production: ${why}. Ops may override with a reason.`,
          {
            details: { gate: current.gate },
          },
        );
      }
      let archived: number[] = [];
      if (stage === 'production') {
        const moved = await trx
          .updateTable('model_versions')
          .set({ stage: 'archived' })
          .where('model_name', '=', name)
          .where('stage', '=', 'production')
          .where('version', '<>', version)
          .returning('version')
          .execute();
        archived = moved.map((m) => m.version);
      }
      const updated = await trx
        .updateTable('model_versions')
        .set({ stage })
        .where('model_name', '=', name)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirstOrThrow();
      // Endpoints follow the alias the stage is: they move in this transaction, so the two never disagree.
      await followAliases(trx, name, options.actor ?? 'registry');
      return { version: toVersion(updated), previousStage: current.stage, archived };
    });
  }

  /** Two versions side by side: metrics with deltas (b − a) and what changed in their cards. */
  async compare(name: string, a: number, b: number): Promise<VersionComparison> {
    const [left, right] = await Promise.all([this.version(name, a), this.version(name, b)]);
    return compareVersions(left, right);
  }
}

async function nextVersion(trx: Transaction<Database>, name: string): Promise<number> {
  const row = await trx
    .selectFrom('model_versions')
    .select(sql<number>`coalesce(max(version), 0)::int + 1`.as('next'))
    .where('model_name', '=', name)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}
