import {
  secretNameParam as nameParam,
  putSecretAnswer,
  putSecretBody,
  secretGrantsAnswer,
  secretGrantsSchema,
  secretList,
} from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { requireOwner } from '../auth/ownership';
import type { Principal } from '../http/app-env';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { actorOf } from './actor-of';

const list = defineRoute('secrets:read', {
  method: 'get',
  path: '/',
  operationId: 'listSecrets',
  summary: 'List secret names (values are never returned)',
  tags: ['secrets'],
  responses: { 200: jsonResponse('Secrets', secretList) },
});

const put = defineRoute('secrets:write', {
  method: 'put',
  path: '/{name}',
  operationId: 'putSecret',
  summary: 'Create a secret (granted to its creator) or replace one (its owner or an admin)',
  tags: ['secrets'],
  request: { params: nameParam, ...jsonBody(putSecretBody) },
  responses: {
    200: jsonResponse('Replaced', putSecretAnswer),
    201: jsonResponse('Created', putSecretAnswer),
    ...errorResponses(403),
  },
});

const putGrants = defineRoute('secrets:write', {
  method: 'put',
  path: '/{name}/grants',
  operationId: 'putSecretGrants',
  summary: 'Set the roles and users that may use a secret (its owner or an admin); admins always may',
  tags: ['secrets'],
  request: { params: nameParam, ...jsonBody(secretGrantsSchema) },
  responses: {
    200: jsonResponse('Granted', secretGrantsAnswer),
    ...errorResponses(403, 404),
  },
});

const remove = defineRoute('secrets:write', {
  method: 'delete',
  path: '/{name}',
  operationId: 'deleteSecret',
  summary: 'Delete a secret (its owner or an admin)',
  tags: ['secrets'],
  request: { params: nameParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 404) },
});

/** Secrets: AES-256-GCM at rest; names, history and grants are listed, values never leave the server. */
export function secretRoutes(services: Services) {
  const { secrets, cipher, audit } = services;
  // Only the owner (who made it) or an admin changes a secret; undefined owner: no such secret yet.
  const requireSecretOwner = async (name: string, actor: Principal, mustExist: boolean) => {
    const owner = await secrets.ownerOf(name);
    if (owner === undefined) {
      if (mustExist) throw new UserError('NOT_FOUND', `No secret named "${name}".`);
      return;
    }
    requireOwner('secret', actor, owner, `secret "${name}"`);
  };
  return newRouter()
    .openapi(list, async (c) => {
      const items = (await secrets.list()).map((s) => ({
        ...s,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
      }));
      return c.json({ items }, 200);
    })
    .openapi(put, async (c) => {
      const { name } = c.req.valid('param');
      const { value } = c.req.valid('json');
      const actor = actorOf(c);
      await requireSecretOwner(name, actor, false);
      const created = await secrets.put(name, cipher.encrypt(name, value), actor.name);
      await audit.record({ actor: actor.name, action: created ? 'secret.create' : 'secret.update', target: `secret:${name}` });
      return created ? c.json({ name, created }, 201) : c.json({ name, created }, 200);
    })
    .openapi(putGrants, async (c) => {
      const { name } = c.req.valid('param');
      const grants = c.req.valid('json');
      const actor = actorOf(c);
      await requireSecretOwner(name, actor, true);
      if (!(await secrets.setGrants(name, grants))) throw new UserError('NOT_FOUND', `No secret named "${name}".`);
      await audit.record({ actor: actor.name, action: 'secret.grant', target: `secret:${name}`, details: grants });
      return c.json({ name, grants }, 200);
    })
    .openapi(remove, async (c) => {
      const { name } = c.req.valid('param');
      const actor = actorOf(c);
      await requireSecretOwner(name, actor, true);
      if (!(await secrets.delete(name))) throw new UserError('NOT_FOUND', `No secret named "${name}".`);
      await audit.record({ actor: actor.name, action: 'secret.delete', target: `secret:${name}` });
      return c.body(null, 204);
    });
}
