import { type ErrorCode, errorCatalog } from '@causeway/sdk';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

const statusByCode: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  UNAUTHORIZED: 401,
  SIGN_IN_FAILED: 401,
  SIGN_IN_THROTTLED: 429,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SECRET_UNKNOWN: 404,
  SECRET_FORBIDDEN: 403,
  NOT_OWNER: 403,
  GRAPH_VERSION_CONFLICT: 409,
  FILE_UNKNOWN: 404,
  CONFLICT: 409,
  MODEL_VERSION_UNKNOWN: 404,
  MODEL_TESTS_REQUIRED: 422,
  SCHEDULE_TESTS_REQUIRED: 422,
  GATE_REFUSED: 409,
  ENDPOINT_NOT_READY: 409,
  ENDPOINT_INPUT_MISMATCH: 409,
  ENDPOINT_INPUT_INVALID: 422,
  PAYLOAD_TOO_LARGE: 413,
  GRAPH_TOO_LARGE: 413,
  PLUGIN_REGISTRY_FAILED: 502,
  DATABASE_UNAVAILABLE: 503,
};

/** The HTTP status for an error code: user errors 4xx (400 unless listed), the rest 500. */
export function httpStatus(code: ErrorCode): ContentfulStatusCode {
  return statusByCode[code] ?? (errorCatalog[code].kind === 'user' ? 400 : 500);
}
