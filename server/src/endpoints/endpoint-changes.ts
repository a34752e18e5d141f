import { UserError } from '@causeway/sdk';
import type { Logger } from '../logger';
import { followAliases, moveAlias } from '../models/model-aliases';
import type { AuditRepository } from '../repositories/audit-repository';
import type { EndpointState } from './endpoint-state';
import type { EndpointStateCache } from './endpoint-state-cache';
import type { EndpointsRepository, EndpointUpdate } from './endpoints-repository';
import type { ModelVersionSource, VersionInfo } from './model-version-source';

/** Who asks for a change, and the override of a failed gate when they take one. */
export interface ChangeRequest {
  actor: string;
  override?: boolean | undefined;
  reason?: string | undefined;
}

/** Moving an endpoint's version moves the registry alias it follows, and every endpoint following it, in one transaction. */
const followedBy =
  (actor: string): NonNullable<EndpointUpdate['within']> =>
  async (tx, state) => {
    if (state.activeVersion === null) return;
    await moveAlias(tx, state.modelName, state.alias, state.activeVersion);
    await followAliases(tx, state.modelName, actor);
  };

/**
 * Changes to endpoints, each checked, written with its history row, audited, and made visible to the
 * next request in this process at once. A version answers traffic (promote, canary) only when its gate
 * passed, or when ops override with a reason; the override is recorded in the history and the audit log.
 */
export class EndpointChanges {
  constructor(
    private readonly repository: EndpointsRepository,
    private readonly versions: ModelVersionSource,
    private readonly audit: AuditRepository,
    private readonly states: EndpointStateCache,
    private readonly logger: Logger,
  ) {}

  async create(input: {
    name: string;
    modelName: string;
    /** Default `production`. */
    alias?: string;
    description: string;
    sampleRate: number;
    retentionDays: number;
    actor: string;
  }) {
    const state = await this.repository.create(input);
    await this.audit.record({
      actor: input.actor,
      action: 'endpoint.create',
      target: `endpoint:${input.name}`,
      details: { model: input.modelName, alias: state.alias },
    });
    this.states.put(input.name, state);
    return state;
  }

  /** Deletes an endpoint: it answers 404 from the next request here, and within the cache's second in other processes. */
  async delete(name: string, request: ChangeRequest): Promise<EndpointState> {
    const state = await this.repository.delete(name);
    if (state === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${name}".`);
    this.states.put(name, undefined);
    this.logger.info('endpoint delete', {
      endpoint: name,
      actor: request.actor,
      model: state.modelName,
      activeVersion: state.activeVersion,
    });
    await this.audit.record({
      actor: request.actor,
      action: 'endpoint.delete',
      target: `endpoint:${name}`,
      details: { model: state.modelName, activeVersion: state.activeVersion, ...(request.reason ? { reason: request.reason } : {}) },
    });
    return state;
  }

  async promote(name: string, version: number, request: ChangeRequest): Promise<EndpointState> {
    const current = await this.current(name);
    const info = await this.version(current, version);
    this.checkGate(info, request, 'promoted');
    return this.apply(name, {
      kind: 'promote',
      set: (s) => ({
        active_version: version,
        ...(s.canaryVersion === version ? { canary_version: null, canary_percent: 0 } : {}),
        ...(s.shadowVersion === version ? { shadow_version: null } : {}),
      }),
      fromVersion: (s) => s.activeVersion,
      toVersion: version,
      within: followedBy(request.actor),
      ...this.overrideOf(info, request),
    });
  }

  async canary(name: string, version: number | null, percent: number, request: ChangeRequest): Promise<EndpointState> {
    const current = await this.current(name);
    if (version === null) {
      return this.apply(name, {
        kind: 'canary',
        set: () => ({ canary_version: null, canary_percent: 0 }),
        fromVersion: (s) => s.canaryVersion,
        toVersion: null,
        actor: request.actor,
        details: { percent: 0 },
      });
    }
    if (current.activeVersion === null)
      throw new UserError('ENDPOINT_NOT_READY', `Endpoint "${name}" has no active version to run a canary beside: promote one first.`);
    if (version === current.activeVersion)
      throw new UserError('CONFLICT', `Version ${version} is already the active version of "${name}".`);
    const info = await this.version(current, version);
    this.checkGate(info, request, 'put on canary');
    return this.apply(name, {
      kind: 'canary',
      set: () => ({ canary_version: version, canary_percent: percent }),
      fromVersion: (s) => s.canaryVersion,
      toVersion: version,
      details: { percent },
      ...this.overrideOf(info, request),
    });
  }

  /** A shadow never answers, so it needs no passing gate. */
  async shadow(name: string, version: number | null, request: ChangeRequest): Promise<EndpointState> {
    const current = await this.current(name);
    if (version !== null) await this.version(current, version);
    return this.apply(name, {
      kind: 'shadow',
      set: () => ({ shadow_version: version }),
      fromVersion: (s) => s.shadowVersion,
      toVersion: version,
      actor: request.actor,
    });
  }

  /**
   * Back to a version this endpoint served before (by default the one before the current), at once and
   * without a gate check: it answered traffic already.
   */
  async rollback(name: string, version: number | undefined, request: ChangeRequest): Promise<EndpointState> {
    const current = await this.current(name);
    const served = await this.repository.servedVersions(name);
    const earlier = served.filter((v) => v !== current.activeVersion);
    const target = version ?? earlier.at(-1);
    if (target === undefined) throw new UserError('CONFLICT', `Endpoint "${name}" has served no other version to roll back to.`);
    if (!earlier.includes(target)) {
      throw new UserError(
        'CONFLICT',
        `Endpoint "${name}" never served version ${target}; it can roll back to ${earlier.length > 0 ? [...new Set(earlier)].join(', ') : 'no version'}.`,
        {
          details: { served: [...new Set(earlier)] },
        },
      );
    }
    return this.apply(name, {
      kind: 'rollback',
      set: (s) => ({ active_version: target, ...(s.canaryVersion === target ? { canary_version: null, canary_percent: 0 } : {}) }),
      fromVersion: (s) => s.activeVersion,
      toVersion: target,
      reason: request.reason ?? '',
      actor: request.actor,
      within: followedBy(request.actor),
    });
  }

  async sampling(
    name: string,
    change: { sampleRate?: number | undefined; retentionDays?: number | undefined; feedback?: boolean | undefined },
    request: ChangeRequest,
  ): Promise<EndpointState> {
    await this.current(name);
    return this.apply(name, {
      kind: 'sampling',
      set: () => ({
        ...(change.sampleRate === undefined ? {} : { sample_rate: change.sampleRate }),
        ...(change.retentionDays === undefined ? {} : { retention_days: change.retentionDays }),
        ...(change.feedback === undefined ? {} : { feedback: change.feedback }),
      }),
      fromVersion: () => null,
      toVersion: null,
      details: change,
      actor: request.actor,
    });
  }

  private async apply(name: string, update: EndpointUpdate): Promise<EndpointState> {
    const state = await this.repository.update(name, update);
    this.states.put(name, state);
    this.logger.info(`endpoint ${update.kind}`, {
      endpoint: name,
      actor: update.actor,
      toVersion: update.toVersion,
      activeVersion: state.activeVersion,
      ...(update.override ? { override: true, reason: update.reason ?? '' } : {}),
    });
    await this.audit.record({
      actor: update.actor,
      action: `endpoint.${update.kind}`,
      target: `endpoint:${name}`,
      details: {
        to: update.toVersion,
        ...(update.override ? { override: true, reason: update.reason ?? '' } : {}),
        ...(update.details ?? {}),
      },
    });
    return state;
  }

  private async current(name: string): Promise<EndpointState> {
    const state = await this.repository.get(name);
    if (state === undefined) throw new UserError('NOT_FOUND', `No endpoint named "${name}".`);
    return state;
  }

  private async version(state: EndpointState, version: number): Promise<VersionInfo> {
    const info = await this.versions.info(state.modelName, version);
    if (info === undefined)
      throw new UserError('MODEL_VERSION_UNKNOWN', `The model registry has no version ${version} of "${state.modelName}".`);
    return info;
  }

  private checkGate(info: VersionInfo, request: ChangeRequest, what: string): void {
    if (info.gate?.passed === true) return;
    const why = info.gate === null ? 'it was registered without a gate verdict' : `its gate did not pass (${info.gate.reason})`;
    if (!request.override) {
      throw new UserError(
        'ENDPOINT_GATE_FAILED',
        `Version ${info.version} of "${info.modelName}" cannot be ${what}: ${why}. Ops may override with a reason.`,
        {
          details: { version: info.version, gate: info.gate },
        },
      );
    }
    if ((request.reason ?? '').trim() === '') {
      throw new UserError('REQUEST_INVALID', `Overriding the gate of version ${info.version} needs a reason, recorded in the audit log.`);
    }
  }

  private overrideOf(info: VersionInfo, request: ChangeRequest): Pick<EndpointUpdate, 'override' | 'reason' | 'actor'> {
    const overridden = info.gate?.passed !== true && request.override === true;
    return { override: overridden, reason: request.reason ?? '', actor: request.actor };
  }
}
