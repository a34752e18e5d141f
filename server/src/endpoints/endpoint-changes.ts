import type { CanaryPolicy } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import type { Logger } from '../logger';
import { followAliases, moveAlias } from '../models/model-aliases';
import type { AuditRepository } from '../repositories/audit-repository';
import { type ChangeRequest, checkChange } from './change-checks';
import type { EndpointState } from './endpoint-state';
import type { EndpointStateCache } from './endpoint-state-cache';
import type { EndpointsRepository, EndpointUpdate, NewEndpoint } from './endpoints-repository';
import type { ModelVersionSource, VersionInfo } from './model-version-source';
import { rollbackTarget } from './rollback-target';

export type { ChangeRequest } from './change-checks';

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
 * passed, and answers or shadows it only when it takes the inputs the active version takes, unless ops
 * override with a reason; the override is recorded in the history and the audit log. A change that
 * changes nothing is answered with the state as it is: no revision, history row or audit entry.
 */
export class EndpointChanges {
  constructor(
    private readonly repository: EndpointsRepository,
    private readonly versions: ModelVersionSource,
    private readonly audit: AuditRepository,
    private readonly states: EndpointStateCache,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async create(input: NewEndpoint) {
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
    if (current.activeVersion === version) return current;
    const info = await this.version(current, version);
    const checked = await checkChange(this.versions, current, info, request, { verb: 'promoted', gate: true });
    return this.apply(name, {
      kind: 'promote',
      set: (s) => ({
        active_version: version,
        ...(s.canaryVersion === version ? endedCanary : {}),
        ...(s.shadowVersion === version ? { shadow_version: null } : {}),
      }),
      fromVersion: (s) => s.activeVersion,
      toVersion: version,
      within: followedBy(request.actor),
      ...checked,
    });
  }

  async canary(
    name: string,
    version: number | null,
    percent: number,
    request: ChangeRequest & { policy?: CanaryPolicy | undefined },
  ): Promise<EndpointState> {
    const current = await this.current(name);
    if (version === null) {
      return this.apply(name, {
        kind: 'canary',
        set: () => endedCanary,
        fromVersion: (s) => s.canaryVersion,
        toVersion: null,
        actor: request.actor,
        reason: request.reason ?? '',
        details: { percent: 0 },
      });
    }
    if (current.activeVersion === null)
      throw new UserError('ENDPOINT_NOT_READY', `Endpoint "${name}" has no active version to run a canary beside: promote one first.`);
    if (version === current.activeVersion)
      throw new UserError('CONFLICT', `Version ${version} is already the active version of "${name}".`);
    const info = await this.version(current, version);
    const checked = await checkChange(this.versions, current, info, request, { verb: 'put on canary', gate: true });
    const policy = request.policy ?? null;
    return this.apply(name, {
      kind: 'canary',
      set: (s) => ({
        canary_version: version,
        canary_percent: percent,
        canary_policy: policy === null ? null : JSON.stringify(policy),
        // The policy's clock runs from when this version went on canary, not from a change of its share.
        canary_started_at: s.canaryVersion === version && s.canaryStartedAt !== null ? s.canaryStartedAt : new Date(this.now()),
      }),
      fromVersion: (s) => s.canaryVersion,
      toVersion: version,
      ...checked,
      details: { percent, ...(policy === null ? {} : { policy }), ...checked.details },
    });
  }

  /** A shadow never answers, so it needs no passing gate; it must take the active version's inputs, or every shadow scoring fails. */
  async shadow(name: string, version: number | null, request: ChangeRequest & { tolerance?: number | undefined }): Promise<EndpointState> {
    const current = await this.current(name);
    const checked =
      version === null || version === current.shadowVersion
        ? { override: false, reason: request.reason ?? '', actor: request.actor, details: {} }
        : await checkChange(this.versions, current, await this.version(current, version), request, { verb: 'shadowed', gate: false });
    return this.apply(name, {
      kind: 'shadow',
      set: () => ({ shadow_version: version, ...(request.tolerance === undefined ? {} : { shadow_tolerance: request.tolerance }) }),
      fromVersion: (s) => s.shadowVersion,
      toVersion: version,
      ...checked,
      details: { ...(request.tolerance === undefined ? {} : { tolerance: request.tolerance }), ...checked.details },
    });
  }

  /**
   * Back to a version this endpoint served before, by default the one that was in production before
   * the current one (rolling back twice walks further back, it never toggles), at once and without a
   * gate check: it answered traffic already. Its inputs are checked like a promotion's.
   */
  async rollback(name: string, version: number | undefined, request: ChangeRequest): Promise<EndpointState> {
    const current = await this.current(name);
    const changes = await this.repository.servedChanges(name);
    const served = [...new Set(changes.map((c) => c.version))].filter((v) => v !== current.activeVersion);
    const target = version ?? rollbackTarget(changes, current.activeVersion);
    if (target === undefined)
      throw new UserError('CONFLICT', `Endpoint "${name}" has no earlier production version to roll back to.`, { details: { served } });
    if (!served.includes(target)) {
      throw new UserError(
        'CONFLICT',
        `Endpoint "${name}" never served version ${target}; it can roll back to ${served.length > 0 ? served.join(', ') : 'no version'}.`,
        { details: { served } },
      );
    }
    const checked = await checkChange(this.versions, current, await this.version(current, target), request, {
      verb: 'rolled back to',
      gate: false,
    });
    return this.apply(name, {
      kind: 'rollback',
      set: (s) => ({ active_version: target, ...(s.canaryVersion === target ? endedCanary : {}) }),
      fromVersion: (s) => s.activeVersion,
      toVersion: target,
      within: followedBy(request.actor),
      ...checked,
    });
  }

  /**
   * Settles a canary as its policy decided: promotes it, or ends it. Applied only while the same version
   * is still on canary since the same time, so processes that judged it at once change it once.
   * Returns the state when this call made the change, undefined when nothing changed.
   */
  async settleCanary(
    name: string,
    expected: { version: number; startedAt: Date },
    verdict: { decision: 'promote' | 'end'; reason: string },
  ): Promise<EndpointState | undefined> {
    const when = (s: EndpointState) =>
      s.canaryVersion === expected.version && s.canaryStartedAt?.getTime() === expected.startedAt.getTime();
    const common = { when, actor: canaryPolicyActor, reason: verdict.reason, details: { policy: true, decision: verdict.decision } };
    const update: EndpointUpdate =
      verdict.decision === 'promote'
        ? {
            kind: 'promote',
            set: (s) => ({
              active_version: expected.version,
              ...endedCanary,
              ...(s.shadowVersion === expected.version ? { shadow_version: null } : {}),
            }),
            fromVersion: (s) => s.activeVersion,
            toVersion: expected.version,
            ...common,
          }
        : { kind: 'canary', set: () => endedCanary, fromVersion: (s) => s.canaryVersion, toVersion: null, ...common };
    const { state, changed } = await this.write(name, update, verdict.decision === 'end' ? 'warn' : 'info');
    return changed ? state : undefined;
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
    return (await this.write(name, update, 'info')).state;
  }

  private async write(name: string, update: EndpointUpdate, level: 'info' | 'warn'): Promise<{ state: EndpointState; changed: boolean }> {
    const { state, changed } = await this.repository.update(name, update);
    this.states.put(name, state);
    if (!changed) return { state, changed };
    this.logger[level](`endpoint ${update.kind}`, {
      endpoint: name,
      actor: update.actor,
      toVersion: update.toVersion,
      activeVersion: state.activeVersion,
      ...(update.override ? { override: true } : {}),
      ...(update.reason ? { reason: update.reason } : {}),
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
    return { state, changed };
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
}

/** Who the history and audit log name for changes a canary policy made. */
export const canaryPolicyActor = 'canary-policy';

const endedCanary = { canary_version: null, canary_percent: 0, canary_policy: null, canary_started_at: null };
