import type { CanaryPolicy } from '@causeway/contract';
import type { EndpointRow } from '../db/tables/endpoints';

/** An endpoint as the predict path and the routes see it. */
export interface EndpointState {
  name: string;
  modelName: string;
  description: string;
  activeVersion: number | null;
  /** The registry alias the endpoint follows; `activeVersion` is its version. */
  alias: string;
  canaryVersion: number | null;
  /** 0–100. */
  canaryPercent: number;
  shadowVersion: number | null;
  /** Regressions: shadow answers within this absolute difference of the answer agree. */
  shadowTolerance: number;
  /** What decides the canary once its time is up; null when ops decide. */
  canaryPolicy: CanaryPolicy | null;
  canaryStartedAt: Date | null;
  /** 0–1. */
  sampleRate: number;
  retentionDays: number;
  /** Every answered row is logged for feedback. */
  feedback: boolean;
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export function endpointStateOf(row: EndpointRow): EndpointState {
  return {
    name: row.name,
    modelName: row.model_name,
    description: row.description,
    activeVersion: row.active_version,
    alias: row.alias,
    canaryVersion: row.canary_version,
    canaryPercent: Number(row.canary_percent),
    shadowVersion: row.shadow_version,
    shadowTolerance: Number(row.shadow_tolerance),
    canaryPolicy: (typeof row.canary_policy === 'string'
      ? JSON.parse(row.canary_policy)
      : (row.canary_policy ?? null)) as CanaryPolicy | null,
    canaryStartedAt: row.canary_started_at,
    sampleRate: Number(row.sample_rate),
    retentionDays: row.retention_days,
    feedback: row.feedback,
    revision: row.revision,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
