import { type ModelCard, type ScoringPath, UserError } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { Database } from '../db/database';
import { ModelRegistry } from '../models/model-registry';

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
  /** Set when the version takes raw rows through a scoring path. */
  scoringPath?: ScoringPath | null;
}

/** Reads registered model versions: their card and gate, and their ONNX bytes. */
export interface ModelVersionSource {
  info(modelName: string, version: number): Promise<VersionInfo | undefined>;
  onnx(info: VersionInfo): Promise<Uint8Array>;
}

/** Versions from the model registry: card and gate from `model_versions`, ONNX bytes from the artifact store. */
export function modelVersionsIn(db: Kysely<Database>, artifacts: ArtifactStore): ModelVersionSource {
  const registry = new ModelRegistry(db, artifacts);
  return {
    info: async (modelName, version) => {
      try {
        const found = await registry.version(modelName, version);
        return {
          modelName: found.name,
          version: found.version,
          card: found.card as ModelCard,
          gate: found.gate,
          scoringPath: found.scoringPath,
        };
      } catch (error) {
        if (error instanceof UserError && error.code === 'MODEL_VERSION_UNKNOWN') return undefined;
        throw error;
      }
    },
    onnx: (info) => registry.readOnnx(info.modelName, info.version),
  };
}
