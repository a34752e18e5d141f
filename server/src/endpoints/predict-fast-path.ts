import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkJsonValue, fromZodIssues, graphLimits, UserError } from '@causeway/sdk';
import { bearerToken } from '../auth/api-token';
import { checkEndpointScope } from '../auth/endpoint-scope';
import { isRole, roleAllows } from '../auth/roles';
import { addressOf } from '../http/client-address';
import type { RateLimits } from '../http/rate-limits';
import type { Logger } from '../logger';
import { errorAnswer } from '../middleware/error-response';
import { refusedBody } from '../middleware/refused-body';
import type { TokensRepository } from '../repositories/tokens-repository';
import type { EndpointPredictor } from './endpoint-predictor';
import { acceptedPredictBody } from './predict-body-check';
import { type PredictBody, predictBody } from './request-feeds';

/** What the fast path needs: the same token store, predictor, body limit and CORS origin as the app. */
export interface PredictFastPathDeps {
  tokens: TokensRepository;
  predictor: EndpointPredictor;
  logger: Logger;
  bodyLimit: number;
  corsOrigin: string;
  /** The app's rate limits (the same instance, so both paths count together). */
  rateLimits: RateLimits;
}

const predictPath = /^\/api\/endpoints\/([A-Za-z0-9][A-Za-z0-9_.-]{0,127})\/predict\/?$/;
const jsonType = /^application\/([a-z0-9.+-]*\+)?json\b/i;
const apiHeaders: Record<string, string> = {
  'content-type': 'application/json',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'cross-origin-resource-policy': 'same-origin',
};

/**
 * `POST /api/endpoints/:name/predict` answered straight on node:http, before the general app: the same
 * checks in the same order (rate limits, token, action `endpoints:predict`, body limit, hostile JSON, body schema)
 * and the same `{ code, message, details }` errors, without building web Request/Response objects and
 * running the middleware chain for every scoring call. The app keeps the route for its OpenAPI
 * document. Returns false for any other request, which then goes to the app.
 */
export function predictFastPath(deps: PredictFastPathDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST') return false;
    const match = predictPath.exec(req.url ?? '');
    if (match === null) return false;
    const name = match[1] as string;
    answer(deps, req, res, name).catch((error: unknown) => send(deps, req, res, errorStatus(deps, req, error)));
    return true;
  };
}

async function answer(deps: PredictFastPathDeps, req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const header = req.headers.authorization;
  const address = addressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], deps.rateLimits.trustProxy);
  deps.rateLimits.check({ predictPerToken: header, predictPerIp: address });
  if (header === undefined) throw new UserError('UNAUTHORIZED', 'This route needs an API token: send "Authorization: Bearer <token>".');
  const token = bearerToken(header);
  // A token seen lately is answered from memory without a turn of the event loop.
  const info = token === undefined ? undefined : (deps.tokens.cachedActive(token) ?? (await deps.tokens.findActive(token)));
  if (info === undefined || !isRole(info.role)) throw new UserError('UNAUTHORIZED', 'The API token is not valid or was revoked.');
  if (deps.tokens.needsTouch(info)) await deps.tokens.touch(info);
  if (!roleAllows(info.role, 'endpoints:predict')) {
    throw new UserError('FORBIDDEN', `The role "${info.role}" may not take the action "endpoints:predict".`, {
      details: { action: 'endpoints:predict', role: info.role },
    });
  }
  checkEndpointScope(info.endpoints, name);
  if (!jsonType.test(req.headers['content-type'] ?? ''))
    throw new UserError('REQUEST_INVALID', 'The request body must be JSON (Content-Type: application/json).');
  const text = await readBody(req, deps.bodyLimit);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError('REQUEST_INVALID', 'The request body is not valid JSON.');
  }
  const hostile = checkJsonValue(value, { ...graphLimits, bytes: Math.max(text.length, 1) });
  if (hostile.length > 0) throw refusedBody(hostile);
  const result = await deps.predictor.predict(name, acceptedPredictBody(value) ?? schemaChecked(value));
  send(deps, req, res, { status: 200, body: result });
}

/** The schema's answer for a body the hand check did not accept: its data, or its issues as the app words them. */
function schemaChecked(value: unknown): PredictBody {
  const body = predictBody.safeParse(value);
  if (body.success) return body.data;
  const issues = fromZodIssues(body.error.issues, 'REQUEST_INVALID', ['json']);
  throw new UserError('REQUEST_INVALID', `The request json is invalid: ${issues[0]?.message ?? ''}`, { issues });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    const tooLarge = () => new UserError('PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`, { details: { limit } });
    if (declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

function errorStatus(deps: PredictFastPathDeps, req: IncomingMessage, error: unknown) {
  const answer = errorAnswer(error, deps.logger, { method: req.method ?? 'POST', path: (req.url ?? '').split('?')[0] ?? '' });
  return {
    status: answer.status,
    body: answer.body,
    ...(answer.retryAfterSeconds === undefined ? {} : { retryAfter: answer.retryAfterSeconds }),
  };
}

function send(
  deps: PredictFastPathDeps,
  req: IncomingMessage,
  res: ServerResponse,
  answer: { status: number; body: unknown; retryAfter?: number },
): void {
  if (res.headersSent) return;
  const origin = req.headers.origin;
  let headers = apiHeaders;
  // A refusal before the body was read closes the connection rather than receive a body nobody reads.
  const unread = !req.complete && !req.readableFlowing;
  if (origin === deps.corsOrigin || answer.retryAfter !== undefined || unread) {
    headers = { ...apiHeaders };
    if (unread) headers.connection = 'close';
    if (origin === deps.corsOrigin) {
      headers['access-control-allow-origin'] = origin;
      headers.vary = 'Origin';
    }
    if (answer.retryAfter !== undefined) headers['retry-after'] = String(answer.retryAfter);
  }
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}
