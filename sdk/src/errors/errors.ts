import { type ErrorCode, errorCatalog } from './catalog';
import type { Issue } from './issue';

interface CausewayErrorOptions {
  cause?: unknown;
  issues?: Issue[];
  details?: Record<string, unknown>;
}

/**
 * The base of Causeway's errors: a stable `code` from the catalog and an optional list of issues.
 *
 * @example
 * if (error instanceof CausewayError) return c.json(error.toJSON(), 400);
 */
export class CausewayError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message: string, options: CausewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  /** The part that is safe to show a user or send over HTTP: never a stack trace. */
  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    const details: Record<string, unknown> = { ...this.details };
    if (this.issues.length > 0) details.issues = this.issues;
    return { code: this.code, message: this.message, details };
  }
}

/**
 * The user's graph, config or input is wrong. Hosts show the message as it is (HTTP 4xx).
 *
 * @example
 * throw new UserError('FILE_UNKNOWN', 'No file named "churn.csv" was uploaded.');
 */
export class UserError extends CausewayError {
  override readonly name = 'UserError';
}

/**
 * A node failed while running; carries the node's id and the cause.
 *
 * @example
 * new NodeRunError('split', new UserError('CONFIG_INVALID', 'test must be < 1'));
 */
export class NodeRunError extends CausewayError {
  override readonly name = 'NodeRunError';
  readonly nodeId: string;

  constructor(nodeId: string, cause: unknown, code?: ErrorCode) {
    const inner = cause instanceof CausewayError ? cause : undefined;
    const message = cause instanceof Error ? cause.message : String(cause);
    super(code ?? inner?.code ?? 'NODE_FAILED', `Node "${nodeId}" failed: ${message}`, {
      cause,
      ...(inner ? { issues: [...inner.issues], details: { ...inner.details } } : {}),
    });
    this.nodeId = nodeId;
  }
}

/**
 * A bug in Causeway or a plugin: shown as a generic message, logged in full.
 *
 * @example
 * throw new InternalError('Engine lost track of node "a".');
 */
export class InternalError extends CausewayError {
  override readonly name = 'InternalError';
  constructor(message: string, options: CausewayErrorOptions = {}) {
    super('INTERNAL', message, options);
  }
}

/**
 * True when the code is one a user can act on (as opposed to a bug).
 *
 * @example
 * isUserFacing('CONFIG_INVALID') // true; isUserFacing('INTERNAL') // false
 */
export function isUserFacing(code: ErrorCode): boolean {
  return errorCatalog[code].kind !== 'internal';
}
