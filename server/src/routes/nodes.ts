import { nodeCatalogAnswer } from '@causeway/contract';
import { nodeCatalog } from '../graphs/node-catalog';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { PluginsRepository } from '../plugins/plugins-repository';

const list = defineRoute('nodes:read', {
  method: 'get',
  path: '/',
  operationId: 'listNodeTypes',
  summary: 'The node catalogue: types, versions, ports and config JSON Schemas, built-in and of the enabled plugins',
  tags: ['nodes'],
  responses: { 200: jsonResponse('Node types', nodeCatalogAnswer) },
});

/** `GET /api/nodes`: every registered node type and those of the newest enabled version of each plugin. */
export function nodeRoutes(services: Services) {
  const plugins = new PluginsRepository(services.db);
  return newRouter().openapi(list, async (c) => {
    const enabled = (await plugins.list()).filter((plugin) => plugin.enabled);
    return c.json({ items: nodeCatalog(services.registry, enabled) as unknown as Array<Record<string, unknown>> }, 200);
  });
}
