import {
  createdGraph,
  graphIdParam,
  graphInfoSchema,
  graphPage,
  graphWithDocument,
  listGraphsQuery,
  renameGraphBody,
  saveGraphBody,
} from '@causeway/contract';
import { UserError } from '@causeway/sdk';
import { requireOwner } from '../auth/ownership';
import type { Principal as AppPrincipal } from '../http/app-env';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { parseGraphBodyWithPlugins } from '../plugins/graph-plugins';
import type { GraphsRepository } from '../repositories/graphs-repository';
import { actorOf } from './actor-of';
import { graphInfoJson, issuesJson } from './graph-schemas';

const list = defineRoute('graphs:read', {
  method: 'get',
  path: '/',
  operationId: 'listGraphs',
  summary: 'List graphs, searching by name or id',
  tags: ['graphs'],
  request: { query: listGraphsQuery },
  responses: {
    200: jsonResponse('A page of graphs', graphPage),
  },
});

const create = defineRoute('graphs:write', {
  method: 'post',
  path: '/',
  operationId: 'createGraph',
  summary: 'Save a new graph as version 1',
  tags: ['graphs'],
  request: jsonBody(saveGraphBody),
  responses: {
    201: jsonResponse('Created', createdGraph),
    ...errorResponses(409),
  },
});

const get = defineRoute('graphs:read', {
  method: 'get',
  path: '/{id}',
  operationId: 'getGraph',
  summary: "A graph with its latest version, named with the record's current name",
  tags: ['graphs'],
  request: { params: graphIdParam },
  responses: { 200: jsonResponse('The graph', graphWithDocument), ...errorResponses(404) },
});

const rename = defineRoute('graphs:write', {
  method: 'patch',
  path: '/{id}',
  operationId: 'renameGraph',
  summary: 'Rename a graph',
  tags: ['graphs'],
  request: { params: graphIdParam, ...jsonBody(renameGraphBody) },
  responses: { 200: jsonResponse('Renamed', graphInfoSchema), ...errorResponses(403, 404) },
});

const remove = defineRoute('graphs:write', {
  method: 'delete',
  path: '/{id}',
  operationId: 'deleteGraph',
  summary: 'Delete a graph and all its versions (its owner or an admin)',
  tags: ['graphs'],
  request: { params: graphIdParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(403, 404, 409) },
});

/** Graph records: create, list, get, rename, delete. Versions live in `graph-versions.ts`. */
export function graphRoutes(services: Services) {
  const { graphs, audit, registry } = services;
  return newRouter()
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      const page = await graphs.list({ limit: query.limit, offset: query.offset, ...(query.q === undefined ? {} : { q: query.q }) });
      return c.json({ items: page.items.map(graphInfoJson), total: page.total }, 200);
    })
    .openapi(create, async (c) => {
      const body = c.req.valid('json');
      const actor = actorOf(c);
      const accepted = await parseGraphBodyWithPlugins(services.db, registry, body.graph);
      const info = await graphs.create({
        id: accepted.graph.id,
        name: accepted.graph.name,
        graph: accepted.text,
        author: actor.name,
        message: body.message,
      });
      await audit.record({ actor: actor.name, action: 'graph.create', target: `graph:${info.id}`, details: { version: 1 } });
      return c.json({ ...graphInfoJson(info), issues: issuesJson(accepted.issues) }, 201);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const info = await graphs.get(id);
      const version = info === undefined ? undefined : await graphs.getVersion(id, info.latestVersion);
      if (info === undefined || version === undefined) throw new UserError('NOT_FOUND', `No graph with id "${id}".`);
      // A rename (PATCH) changes the record, not the immutable version: the editor opens the current name.
      const graph = { ...(JSON.parse(version.graph) as Record<string, unknown>), name: info.name };
      return c.json({ ...graphInfoJson(info), graph }, 200);
    })
    .openapi(rename, async (c) => {
      const { id } = c.req.valid('param');
      const { name } = c.req.valid('json');
      const actor = actorOf(c);
      await requireGraphOwner(graphs, id, actor);
      const info = await graphs.rename(id, name);
      if (info === undefined) throw new UserError('NOT_FOUND', `No graph with id "${id}".`);
      await audit.record({ actor: actor.name, action: 'graph.rename', target: `graph:${id}`, details: { name } });
      return c.json(graphInfoJson(info), 200);
    })
    .openapi(remove, async (c) => {
      const { id } = c.req.valid('param');
      const actor = actorOf(c);
      await requireGraphOwner(graphs, id, actor);
      if (!(await graphs.delete(id))) throw new UserError('NOT_FOUND', `No graph with id "${id}".`);
      await audit.record({ actor: actor.name, action: 'graph.delete', target: `graph:${id}` });
      return c.body(null, 204);
    });
}

/** `NOT_FOUND` without the graph, `NOT_OWNER` unless the caller owns it or is an admin (a shared graph: anyone). */
export async function requireGraphOwner(graphs: GraphsRepository, id: string, actor: AppPrincipal): Promise<void> {
  const info = await graphs.get(id);
  if (info === undefined) throw new UserError('NOT_FOUND', `No graph with id "${id}".`);
  if (info.owner !== null) requireOwner('graph', actor, info.owner, `graph "${id}"`);
}
