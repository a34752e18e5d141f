import type { ScoringPath } from '@causeway/sdk';
import type { ModelStage } from '../db/tables/models';

/** A version as the API shows it (the ONNX file is read separately). */
export interface ModelVersion {
  name: string;
  version: number;
  stage: ModelStage;
  artifactHash: string;
  card: unknown;
  metrics: Record<string, number>;
  gate: { passed: boolean; reason: string } | null;
  /** How raw rows become the features (the card carries its summary); null when raw rows are the features. */
  scoringPath: ScoringPath | null;
  graphId: string | null;
  graphVersion: number | null;
  runId: number | null;
  createdBy: string | null;
  createdAt: string;
}
