import type { ModelCard } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';

/** A gate's verdict as registered with a version. */
export interface GateVerdict {
  passed: boolean;
  reason: string;
}

/** What an endpoint needs of a registered version. */
export interface VersionInfo {
  modelName: string;
  version: number;
  card: ModelCard;
  gate: GateVerdict | null;
  artifactHash: string;
}

/** Reads registered model versions: their card and gate, and their ONNX bytes. */
export interface ModelVersionSource {
  info(modelName: string, version: number): Promise<VersionInfo | undefined>;
  onnx(info: VersionInfo): Promise<Uint8Array>;
}

function json<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Versions as the registry stores them: rows in `model_versions`, ONNX bytes in the artifact store. */
export function modelVersionsIn(db: Kysely<Database>, artifacts: ArtifactStore): ModelVersionSource {
  return {
    info: async (modelName, version) => {
      const row = await db
        .selectFrom('model_versions')
        .select(['model_name', 'version', 'card', 'gate', 'artifact_hash'])
        .where('model_name', '=', modelName)
        .where('version', '=', version)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      return {
        modelName: row.model_name,
        version: row.version,
        card: json<ModelCard>(row.card),
        gate: row.gate === null ? null : json<GateVerdict>(row.gate),
        artifactHash: row.artifact_hash,
      };
    },
    onnx: (info) => artifacts.read(info.artifactHash),
  };
}
