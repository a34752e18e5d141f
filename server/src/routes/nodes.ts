import { nodeCatalogAnswer } from '@causeway/contract';
import { nodeCatalog } from '../graphs/node-catalog';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';

const list = defineRoute('nodes:read', {
  method: 'get',
  path: '/',
  operationId: 'listNodeTypes',
  summary: 'The node catalogue: types, versions, ports and config JSON Schemas',
  tags: ['nodes'],
  responses: { 200: jsonResponse('Node types', nodeCatalogAnswer) },
});

/** `GET /api/nodes`: every registered node type, computed once. */
export function nodeRoutes(services: Services) {
  let cached: Array<Record<string, unknown>> | undefined;
  return newRouter().openapi(list, async (c) => {
    cached ??= nodeCatalog(services.registry) as unknown as Array<Record<string, unknown>>;
    return c.json({ items: cached }, 200);
  });
}
