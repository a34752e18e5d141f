import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env';

/**
 * The address a request came from: the socket's peer, or, when the server is told it sits behind
 * a reverse proxy (`CAUSEWAY_TRUST_PROXY`), the last address of `X-Forwarded-For` — the one that
 * proxy appended; the entries before it are the client's to write. Without the setting the header
 * is ignored, so nobody can pick the address a per-address limit counts.
 *
 * @example
 * addressOf('10.0.0.2', '203.0.113.9, 10.0.0.7', true) // '10.0.0.7'
 */
export function addressOf(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustProxy: boolean,
): string | undefined {
  if (!trustProxy || forwardedFor === undefined) return socketAddress;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const last = header.split(',').at(-1)?.trim() ?? '';
  return isIP(last) === 0 ? socketAddress : last;
}

/** Sets the request's client address (see {@link addressOf}) for the rate limits and the sign-in throttle. */
export function resolveClientAddress(trustProxy: boolean): MiddlewareHandler<AppEnv> {
  return async function resolveClientAddress(c, next) {
    const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
    c.set('clientAddress', addressOf(socket, c.req.header('x-forwarded-for'), trustProxy));
    return next();
  };
}

/** The client address {@link resolveClientAddress} set; undefined off a socket (`app.request` in tests). */
export function clientAddress(c: Context<AppEnv>): string | undefined {
  return c.get('clientAddress');
}
