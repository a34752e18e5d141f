import {
  graphDiffAnswer,
  graphDiffQuery,
  graphIdParam,
  graphVersionList,
  graphVersionParams,
  graphVersionWithDocument,
  savedGraphVersion,
  saveGraphVersionBody,
} from '@causeway/contract';
import { diffGraphs, type Graph, UserError } from '@causeway/sdk';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { parseGraphBodyWithPlugins } from '../plugins/graph-plugins';
import { actorOf } from './actor-of';
import { issuesJson, versionJson } from './graph-schemas';
import { requireGraphOwner } from './graphs';

const list = defineRoute('graphs:read', {
  method: 'get',
  path: '/{id}/versions',
  operationId: 'listGraphVersions',
  summary: 'The versions of a graph, newest first',
  tags: ['graphs'],
  request: { params: graphIdParam },
  responses: { 200: jsonResponse('Versions', graphVersionList), ...errorResponses(404) },
});

const save = defineRoute('graphs:write', {
  method: 'post',
  path: '/{id}/versions',
  operationId: 'saveGraphVersion',
  summary: 'Save a new immutable version, unless the graph equals the latest one; 409 when `baseVersion` is not the latest',
  tags: ['graphs'],
  request: { params: graphIdParam, ...jsonBody(saveGraphVersionBody) },
  responses: {
    200: jsonResponse('Unchanged: the latest version already holds this graph', savedGraphVersion),
    201: jsonResponse('Saved', savedGraphVersion),
    ...errorResponses(403, 404, 409),
  },
});

const get = defineRoute('graphs:read', {
  method: 'get',
  path: '/{id}/versions/{version}',
  operationId: 'getGraphVersion',
  summary: 'One version of a graph',
  tags: ['graphs'],
  request: { params: graphVersionParams },
  responses: { 200: jsonResponse('The version', graphVersionWithDocument), ...errorResponses(404) },
});

const diff = defineRoute('graphs:read', {
  method: 'get',
  path: '/{id}/diff',
  operationId: 'diffGraphVersions',
  summary: 'Structural diff of two versions',
  tags: ['graphs'],
  request: { params: graphIdParam, query: graphDiffQuery },
  responses: { 200: jsonResponse('The diff', graphDiffAnswer), ...errorResponses(404) },
});

/** Immutable graph versions: list, save, get, diff. */
export function graphVersionRoutes(services: Services) {
  const { graphs, audit, registry } = services;
  const load = async (id: string, version: number) => {
    const row = await graphs.getVersion(id, version);
    if (row === undefined) throw new UserError('NOT_FOUND', `Graph "${id}" has no version ${version}.`);
    return row;
  };
  return newRouter()
    .openapi(list, async (c) => {
      const { id } = c.req.valid('param');
      if ((await graphs.get(id)) === undefined) throw new UserError('NOT_FOUND', `No graph with id "${id}".`);
      return c.json({ items: (await graphs.listVersions(id)).map(versionJson) }, 200);
    })
    .openapi(save, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const actor = actorOf(c);
      await requireGraphOwner(graphs, id, actor);
      const accepted = await parseGraphBodyWithPlugins(services.db, registry, body.graph);
      if (accepted.graph.id !== id) {
        throw new UserError('REQUEST_INVALID', `The graph's id "${accepted.graph.id}" is not "${id}", the graph being saved.`);
      }
      const saved = await graphs.addVersion(id, {
        graph: accepted.text,
        name: accepted.graph.name,
        author: actor.name,
        message: body.message,
        ...(body.baseVersion === undefined ? {} : { baseVersion: body.baseVersion }),
      });
      if (saved === undefined) throw new UserError('NOT_FOUND', `No graph with id "${id}".`);
      const { unchanged, ...version } = saved;
      const answer = { ...versionJson(version), issues: issuesJson(accepted.issues), unchanged };
      if (unchanged) return c.json(answer, 200);
      await audit.record({ actor: actor.name, action: 'graph.version', target: `graph:${id}`, details: { version: version.version } });
      return c.json(answer, 201);
    })
    .openapi(get, async (c) => {
      const { id, version } = c.req.valid('param');
      const row = await load(id, version);
      const { graph, ...meta } = row;
      return c.json({ ...versionJson(meta), graph: JSON.parse(graph) as Record<string, unknown> }, 200);
    })
    .openapi(diff, async (c) => {
      const { id } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const [before, after] = await Promise.all([load(id, from), load(id, to)]);
      const result = diffGraphs(JSON.parse(before.graph) as Graph, JSON.parse(after.graph) as Graph);
      return c.json({ from, to, ...result }, 200);
    });
}
