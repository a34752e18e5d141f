import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import type { RateLimits } from '../http/rate-limits';

/** The socket's peer address of a request served by @hono/node-server; undefined off a socket (`app.request` in tests). */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
}

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
