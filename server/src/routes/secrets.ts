import { secretNameParam as nameParam, putSecretAnswer, putSecretBody, secretList } from '@causeway/contract';
import { UserError } from '@causeway/sdk';
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
  summary: 'Create or replace a secret',
  tags: ['secrets'],
  request: { params: nameParam, ...jsonBody(putSecretBody) },
  responses: {
    200: jsonResponse('Replaced', putSecretAnswer),
    201: jsonResponse('Created', putSecretAnswer),
  },
});

const remove = defineRoute('secrets:write', {
  method: 'delete',
  path: '/{name}',
  operationId: 'deleteSecret',
  summary: 'Delete a secret',
  tags: ['secrets'],
  request: { params: nameParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
});

/** Secrets: AES-256-GCM at rest; names and history are listed, values never leave the server. */
export function secretRoutes(services: Services) {
  const { secrets, cipher, audit } = services;
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
      const created = await secrets.put(name, cipher.encrypt(name, value), actor.name);
      await audit.record({ actor: actor.name, action: created ? 'secret.create' : 'secret.update', target: `secret:${name}` });
      return created ? c.json({ name, created }, 201) : c.json({ name, created }, 200);
    })
    .openapi(remove, async (c) => {
      const { name } = c.req.valid('param');
      const actor = actorOf(c);
      if (!(await secrets.delete(name))) throw new UserError('NOT_FOUND', `No secret named "${name}".`);
      await audit.record({ actor: actor.name, action: 'secret.delete', target: `secret:${name}` });
      return c.body(null, 204);
    });
}
