import { session, signInBody } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { isRole } from '../auth/roles';
import { signInThrottleLimits } from '../auth/sign-in-settings';
import { SignInThrottle } from '../auth/sign-in-throttle';
import { clientAddress } from '../http/client-address';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { actorOf } from './actor-of';

/** How long a sign-in session lasts. */
export const sessionMs = 12 * 60 * 60 * 1000;

const signIn = defineRoute('public', {
  method: 'post',
  path: '/auth/sign-in',
  operationId: 'signIn',
  summary: 'Sign in with a user name and password; answers a session token that expires after 12 hours',
  tags: ['auth'],
  request: jsonBody(signInBody),
  responses: {
    200: jsonResponse('Signed in', session),
    ...errorResponses(429),
  },
});

const signOut = defineRoute('self:read', {
  method: 'post',
  path: '/auth/sign-out',
  operationId: 'signOut',
  summary: 'End the calling session (a session token from sign-in; API tokens are revoked by an admin instead)',
  tags: ['auth'],
  responses: { 204: { description: 'Signed out' }, ...errorResponses(409) },
});

/** Sign-in with name and password (failures throttled per name and per client address, audited either way) and sign-out. */
export function signInRoutes(services: Services, throttle = new SignInThrottle(signInThrottleLimits(process.env))) {
  const { users, tokens, audit } = services;
  return newRouter()
    .openapi(signIn, async (c) => {
      const { name, password } = c.req.valid('json');
      const attempt = { name, address: clientAddress(c) ?? 'unknown' };
      const waitMs = throttle.retryAfterMs(attempt);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        c.header('Retry-After', String(seconds));
        throw new UserError(
          'SIGN_IN_THROTTLED',
          `Too many failed sign-ins for "${name}" or from this address; try again in ${seconds} s.`,
          {
            details: { retryAfterSeconds: seconds },
          },
        );
      }
      const user = await users.authenticate(name, password);
      if (user === undefined || !isRole(user.role)) {
        throttle.failed(attempt);
        await audit.record({ actor: name, action: 'auth.sign-in-failed', target: `user:${name}`, details: { address: attempt.address } });
        throw new UserError('SIGN_IN_FAILED', 'The user name or password is wrong, or the user is disabled.');
      }
      throttle.succeeded(attempt);
      const expiresAt = new Date(Date.now() + sessionMs);
      const session = await tokens.create({ name: user.name, role: user.role, createdBy: user.name, userId: user.id, expiresAt });
      await audit.record({ actor: user.name, action: 'auth.sign-in', target: `user:${user.id}`, details: { token: session.info.id } });
      return c.json({ token: session.token, expiresAt: expiresAt.toISOString(), name: user.name, role: user.role }, 200);
    })
    .openapi(signOut, async (c) => {
      const actor = actorOf(c);
      const token = await tokens.get(actor.tokenId);
      if (token?.userId === null || token === undefined) {
        throw new UserError('CONFLICT', 'This is an API token, not a sign-in session; an admin revokes API tokens.');
      }
      await tokens.revoke(actor.tokenId);
      await audit.record({ actor: actor.name, action: 'auth.sign-out', target: `user:${token.userId}`, details: { token: actor.tokenId } });
      return c.body(null, 204);
    });
}
