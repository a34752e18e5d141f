import { createUserBody, updateUserBody, userIdParam, userList, userSchema } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import type { UserInfo } from '../repositories/users-repository';
import { actorOf } from './actor-of';

const list = defineRoute('users:manage', {
  method: 'get',
  path: '/users',
  operationId: 'listUsers',
  summary: 'List users (never their passwords)',
  tags: ['auth'],
  responses: { 200: jsonResponse('Users', userList) },
});

const create = defineRoute('users:manage', {
  method: 'post',
  path: '/users',
  operationId: 'createUser',
  summary: 'Create a user who signs in with a password',
  tags: ['auth'],
  request: jsonBody(createUserBody),
  responses: { 201: jsonResponse('Created', userSchema), ...errorResponses(409) },
});

const update = defineRoute('users:manage', {
  method: 'patch',
  path: '/users/{id}',
  operationId: 'updateUser',
  summary: "Change a user's role or password, or disable / enable them; their sessions end",
  tags: ['auth'],
  request: {
    params: userIdParam,
    ...jsonBody(updateUserBody),
  },
  responses: { 200: jsonResponse('Updated', userSchema), ...errorResponses(404) },
});

/** Users (admin): create, list, change role / password, disable; each change audited, sessions ended on change. */
export function userRoutes(services: Services) {
  const { users, tokens, audit } = services;
  return newRouter()
    .openapi(list, async (c) => c.json({ items: (await users.list()).map(toJson) }, 200))
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const user = await users.create(body);
      await audit.record({
        actor: actor.name,
        action: 'user.create',
        target: `user:${user.id}`,
        details: { name: user.name, role: user.role },
      });
      return c.json(toJson(user), 201);
    })
    .openapi(update, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const user = await users.update(id, body);
      if (user === undefined) throw new UserError('NOT_FOUND', `No user with id "${id}".`);
      // A new role, password or a disabled account must not live on in old sessions.
      const ended = body.disabled === false && body.role === undefined && body.password === undefined ? 0 : await tokens.revokeForUser(id);
      await audit.record({
        actor: actor.name,
        action: 'user.update',
        target: `user:${id}`,
        details: {
          name: user.name,
          ...(body.role === undefined ? {} : { role: body.role }),
          ...(body.password === undefined ? {} : { passwordChanged: true }),
          ...(body.disabled === undefined ? {} : { disabled: body.disabled }),
          sessionsEnded: ended,
        },
      });
      return c.json(toJson(user), 200);
    });
}

function toJson(user: UserInfo) {
  return {
    id: user.id,
    name: user.name,
    role: user.role,
    hasPassword: user.hasPassword,
    createdAt: user.createdAt.toISOString(),
    disabledAt: user.disabledAt?.toISOString() ?? null,
  };
}
