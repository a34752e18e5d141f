import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { AppEnv } from '../http/app-env';
import { authenticate } from '../middleware/authenticate';
import { requireAction } from '../middleware/require-action';
import type { TokensRepository } from '../repositories/tokens-repository';

/**
 * `GET /metrics`: the Prometheus text exposition, outside `/api` where scrapers look for it, for tokens whose
 * role has `metrics:read` (the `metrics` role, ops, admin). Not in the OpenAPI document: its answer is not JSON.
 */
export function metricsRoutes(tokens: TokensRepository, registry: Registry) {
  return new Hono<AppEnv>().get('/', authenticate(tokens), requireAction('metrics:read'), async (c) => {
    const text = await registry.metrics();
    return c.body(text, 200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  });
}
