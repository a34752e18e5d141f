import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { clientAddress } from '../http/client-address';
import type { RateLimits } from '../http/rate-limits';

/**
 * Counts a sign-in (per client address) or a prediction (per token and per client address)
 * against the server's {@link RateLimits}, before the token is looked up or the body is read.
 */
export function rateLimit(limits: RateLimits, route: 'sign-in' | 'predict'): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const ip = clientAddress(c);
    if (route === 'sign-in') limits.check({ signInPerIp: ip });
    else limits.check({ predictPerToken: c.req.header('authorization'), predictPerIp: ip });
    return next();
  };
}
