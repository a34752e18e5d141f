import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The socket's peer address of a request served by @hono/node-server (never a header a client can
 * write); undefined off a socket (`app.request` in tests).
 */
export function clientAddress(c: Context): string | undefined {
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket?.remoteAddress;
}
