import { createdToken, createTokenBody, me as meAnswer, rotatedToken, rotateTokenBody, tokenIdParam, tokenList } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { roleActions } from '../auth/roles';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import type { TokenInfo } from '../repositories/tokens-repository';
import { actorOf } from './actor-of';

const me = defineRoute('self:read', {
  method: 'get',
  path: '/auth/me',
  operationId: 'getMe',
  summary: 'The calling token: name, role and the actions the role may take (so clients hide what it cannot do)',
  tags: ['auth'],
  responses: {
    200: jsonResponse('The caller', meAnswer),
  },
});

const list = defineRoute('tokens:manage', {
  method: 'get',
  path: '/tokens',
  operationId: 'listTokens',
  summary: 'List API tokens (never their values)',
  tags: ['auth'],
  responses: { 200: jsonResponse('Tokens', tokenList) },
});

const create = defineRoute('tokens:manage', {
  method: 'post',
  path: '/tokens',
  operationId: 'createToken',
  summary: 'Create an API token; its value is shown once',
  tags: ['auth'],
  request: jsonBody(createTokenBody),
  responses: { 201: jsonResponse('Created', createdToken) },
});

const revoke = defineRoute('tokens:manage', {
  method: 'delete',
  path: '/tokens/{id}',
  operationId: 'revokeToken',
  summary: 'Revoke an API token',
  tags: ['auth'],
  request: { params: tokenIdParam },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(404, 409) },
});

const rotate = defineRoute('tokens:manage', {
  method: 'post',
  path: '/tokens/{id}/rotate',
  operationId: 'rotateToken',
  summary: 'A new key for the same token (name, role, scope); the old key keeps working for the overlap, then only the new one',
  tags: ['auth'],
  request: { params: tokenIdParam, ...jsonBody(rotateTokenBody) },
  responses: { 201: jsonResponse('Rotated', rotatedToken), ...errorResponses(404) },
});

/** Who am I, and token create/list/revoke (admin), each change audited. */
export function tokenRoutes(services: Services) {
  const { tokens, audit } = services;
  return newRouter()
    .openapi(me, async (c) => {
      const principal = actorOf(c);
      return c.json({ name: principal.name, role: principal.role, actions: [...roleActions[principal.role]] }, 200);
    })
    .openapi(list, async (c) => c.json({ items: (await tokens.list()).map(toJson) }, 200))
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const created = await tokens.create({
        name: body.name,
        role: body.role,
        createdBy: actor.name,
        endpoints: body.endpoints,
        expiresAt: body.expiresAt === undefined ? undefined : new Date(body.expiresAt),
      });
      await audit.record({
        actor: actor.name,
        action: 'token.create',
        target: `token:${created.info.id}`,
        details: {
          name: body.name,
          role: body.role,
          ...(body.endpoints ? { endpoints: body.endpoints } : {}),
          ...(body.expiresAt ? { expiresAt: body.expiresAt } : {}),
        },
      });
      return c.json({ ...toJson(created.info), token: created.token }, 201);
    })
    .openapi(rotate, async (c) => {
      const { id } = c.req.valid('param');
      const actor = actorOf(c);
      const rotated = await tokens.rotate(id, c.req.valid('json').overlapSeconds * 1000, actor.name);
      if (rotated === undefined) throw new UserError('NOT_FOUND', `No live API token with id "${id}".`);
      const previousExpiresAt = (rotated.previous.expiresAt as Date).toISOString();
      await audit.record({
        actor: actor.name,
        action: 'token.rotate',
        target: `token:${id}`,
        details: { name: rotated.info.name, role: rotated.info.role, newId: rotated.info.id, previousExpiresAt },
      });
      return c.json({ ...toJson(rotated.info), token: rotated.token, previous: { id, expiresAt: previousExpiresAt } }, 201);
    })
    .openapi(revoke, async (c) => {
      const { id } = c.req.valid('param');
      const actor = actorOf(c);
      const target = await tokens.get(id);
      if (target === undefined || target.revokedAt !== null) throw new UserError('NOT_FOUND', `No live token with id "${id}".`);
      if (target.role === 'admin' && (await tokens.countActive('admin')) <= 1) {
        throw new UserError('CONFLICT', 'This is the last admin token; create another admin token first.');
      }
      if (!(await tokens.revoke(id))) throw new UserError('NOT_FOUND', `No live token with id "${id}".`);
      await audit.record({
        actor: actor.name,
        action: 'token.revoke',
        target: `token:${id}`,
        details: { name: target.name, role: target.role },
      });
      return c.body(null, 204);
    });
}

function toJson(info: TokenInfo) {
  return {
    id: info.id,
    name: info.name,
    role: info.role,
    createdBy: info.createdBy,
    createdAt: info.createdAt.toISOString(),
    lastUsedAt: info.lastUsedAt?.toISOString() ?? null,
    revokedAt: info.revokedAt?.toISOString() ?? null,
    expiresAt: info.expiresAt?.toISOString() ?? null,
    endpoints: info.endpoints === null ? null : [...info.endpoints],
  };
}
