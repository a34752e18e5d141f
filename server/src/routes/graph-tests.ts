import { graphVersionParams, graphVersionTests, saveGraphTestsBody } from '@causeway/contract';
import { createLimit, type Graph, parseGraphTests, UserError } from '@causeway/sdk';
import { GraphTestsRepository, type StoredCase } from '../graph-tests/graph-tests-repository';
import { runVersionTests } from '../graph-tests/run-version-tests';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { actorOf } from './actor-of';
import { requireGraphOwner } from './graphs';

const get = defineRoute('graphs:read', {
  method: 'get',
  path: '/{id}/versions/{version}/tests',
  operationId: 'getGraphVersionTests',
  summary: 'The tests saved beside a graph version and the verdict of their last run',
  tags: ['graphs'],
  request: { params: graphVersionParams },
  responses: { 200: jsonResponse('The tests', graphVersionTests), ...errorResponses(404) },
});

const save = defineRoute('graphs:write', {
  method: 'put',
  path: '/{id}/versions/{version}/tests',
  operationId: 'saveGraphVersionTests',
  summary: 'Save a causeway.tests/1 document beside a graph version; its verdict is `untested` until it runs',
  tags: ['graphs'],
  request: { params: graphVersionParams, ...jsonBody(saveGraphTestsBody) },
  responses: { 200: jsonResponse('Saved', graphVersionTests), ...errorResponses(400, 403, 404) },
});

const run = defineRoute('graphs:write', {
  method: 'post',
  path: '/{id}/versions/{version}/tests/run',
  operationId: 'runGraphVersionTests',
  summary: "Run a graph version's tests on the server and store the verdict per case",
  tags: ['graphs'],
  request: { params: graphVersionParams },
  responses: { 200: jsonResponse('The verdict', graphVersionTests), ...errorResponses(403, 404) },
});

/** Runs a graph version's tests (graph and causeway.tests/1 text) somewhere: a run thread, in practice. */
export type GraphTestRunner = (graph: string, tests: string, signal?: AbortSignal) => Promise<StoredCase[]>;

/**
 * Tests beside graph versions: save, run on the server (the verdict a model's policy reads), read.
 * `runner` runs them on the worker pool's threads; a process without one (API only) runs them here,
 * one case at a time across all requests.
 */
export function graphTestsRoutes(services: Services, options: { filesDir?: string | undefined; runner?: GraphTestRunner | undefined }) {
  const { graphs, audit, registry } = services;
  const repository = new GraphTestsRepository(services.db);
  const limit = createLimit(1);
  const inProcess: GraphTestRunner = (graph, tests, signal) => {
    const parsed = parseGraphTests(tests);
    if (!parsed.ok) throw new UserError('TESTS_SCHEMA', parsed.issues[0]?.message ?? 'The stored tests do not fit causeway.tests/1.');
    return runVersionTests(JSON.parse(graph) as Graph, parsed.value, {
      registry,
      limit,
      filesDir: options.filesDir,
      ...(signal === undefined ? {} : { signal }),
    });
  };
  const runner = options.runner ?? inProcess;
  const version = async (id: string, number: number) => {
    const row = await graphs.getVersion(id, number);
    if (row === undefined) throw new UserError('NOT_FOUND', `Graph "${id}" has no version ${number}.`);
    return row;
  };
  const tests = async (id: string, number: number) => {
    const found = await repository.get(id, number);
    if (found === undefined) throw new UserError('NOT_FOUND', `Version ${number} of graph "${id}" has no tests.`);
    return found;
  };
  return newRouter()
    .openapi(get, async (c) => {
      const { id, version: number } = c.req.valid('param');
      return c.json(await tests(id, number), 200);
    })
    .openapi(save, async (c) => {
      const { id, version: number } = c.req.valid('param');
      const actor = actorOf(c);
      await requireGraphOwner(graphs, id, actor);
      await version(id, number);
      const text = JSON.stringify(c.req.valid('json').tests, null, 2);
      const parsed = parseGraphTests(text);
      if (!parsed.ok) {
        const [first] = parsed.issues;
        throw new UserError('TESTS_SCHEMA', first?.message ?? 'The tests do not fit causeway.tests/1.', {
          details: { issues: parsed.issues.map(({ path, message }) => ({ path, message })) },
        });
      }
      const saved = await repository.save(id, number, text, actor.name);
      await audit.record({ actor: actor.name, action: 'graph.tests', target: `graph:${id}`, details: { version: number } });
      return c.json(saved, 200);
    })
    .openapi(run, async (c) => {
      const { id, version: number } = c.req.valid('param');
      const actor = actorOf(c);
      await requireGraphOwner(graphs, id, actor);
      const [row, stored] = await Promise.all([version(id, number), tests(id, number)]);
      const text = JSON.stringify(stored.tests, null, 2);
      const cases = await runner(row.graph, text, c.req.raw.signal);
      const verdict = await repository.recordRun(id, number, text, cases, actor.name);
      await audit.record({
        actor: actor.name,
        action: 'graph.tests.run',
        target: `graph:${id}`,
        details: { version: number, status: verdict.status },
      });
      return c.json(verdict, 200);
    });
}
