import { UserError } from '@causeway/sdk';
import type { EndpointState } from './endpoint-state';
import { type InputMismatch, inputMismatches } from './input-compatibility';
import type { ModelVersionSource, VersionInfo } from './model-version-source';

/** Who asks for a change, and the override of a failed check when they take one. */
export interface ChangeRequest {
  actor: string;
  override?: boolean | undefined;
  reason?: string | undefined;
}

/** What a checked change records: whether a check was overridden, why, and which. */
export interface CheckedChange {
  override: boolean;
  reason: string;
  actor: string;
  details: Record<string, unknown>;
}

/**
 * The checks before a version answers or shadows traffic: its gate passed (when `gate`), and it takes
 * every field, with its type, that requests for the active version carry. A failed check refuses
 * (409 `GATE_REFUSED`, 409 `ENDPOINT_INPUT_MISMATCH` naming each field) unless ops override it with a
 * reason; what was overridden goes into the history row and the audit entry.
 */
export async function checkChange(
  versions: ModelVersionSource,
  state: EndpointState,
  info: VersionInfo,
  request: ChangeRequest,
  what: { verb: string; gate: boolean },
): Promise<CheckedChange> {
  const overridden: string[] = [];
  const gateFailed = what.gate && info.gate?.passed !== true;
  if (gateFailed) {
    if (!request.override) throw gateRefused(info, what.verb);
    overridden.push('gate');
  }
  const mismatches = await mismatchesWithActive(versions, state, info);
  if (mismatches.length > 0) {
    if (!request.override) throw inputRefused(state, info, mismatches, what.verb);
    overridden.push('inputs');
  }
  const reason = request.reason ?? '';
  if (overridden.length > 0 && reason.trim() === '') {
    throw new UserError(
      'REQUEST_INVALID',
      `Overriding the ${overridden.join(' and ')} check of version ${info.version} needs a reason, recorded in the audit log.`,
      { details: { field: 'reason' } },
    );
  }
  return {
    override: overridden.length > 0,
    reason,
    actor: request.actor,
    details: overridden.length === 0 ? {} : { overridden, ...(mismatches.length > 0 ? { inputMismatches: mismatches } : {}) },
  };
}

async function mismatchesWithActive(versions: ModelVersionSource, state: EndpointState, info: VersionInfo): Promise<InputMismatch[]> {
  if (state.activeVersion === null || state.activeVersion === info.version) return [];
  const active = await versions.info(state.modelName, state.activeVersion);
  // An active version the registry no longer has cannot be compared; the candidate's own checks still apply per request.
  return active === undefined ? [] : inputMismatches(active.card, info.card);
}

function gateRefused(info: VersionInfo, verb: string): UserError {
  const why = info.gate === null ? 'it was registered without a gate verdict' : `its gate did not pass (${info.gate.reason})`;
  return new UserError(
    'GATE_REFUSED',
    `Version ${info.version} of "${info.modelName}" cannot be ${verb}: ${why}. Ops may override with a reason.`,
    {
      details: { version: info.version, gate: info.gate },
    },
  );
}

function inputRefused(state: EndpointState, info: VersionInfo, mismatches: InputMismatch[], verb: string): UserError {
  const listed = mismatches.map((m) => `"${m.field}" ${m.problem}`).join('; ');
  return new UserError(
    'ENDPOINT_INPUT_MISMATCH',
    `Version ${info.version} of "${info.modelName}" cannot be ${verb}: requests valid for the active version ${state.activeVersion} would be refused: ${listed}. Ops may override with a reason.`,
    { details: { version: info.version, activeVersion: state.activeVersion, fields: mismatches } },
  );
}
