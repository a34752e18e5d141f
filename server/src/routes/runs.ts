import {
  chartImageQuery,
  listRunsQuery,
  runEventsQuery,
  runIdParam,
  runOutputParams,
  runOutputQuery,
  runPage,
  runSchema,
  runWithNodes,
  startRunBody,
} from '@causeway/contract';
import { z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { requireOwner } from '../auth/ownership';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { errorResponses, jsonBody, jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { refuseRunWithoutPlugins } from '../plugins/graph-plugins';
import { RunBus } from '../runs/run-bus';
import { chartOutput, fileNamePart, runOutput } from '../runs/run-output';
import { type RunOutputJson, runOutputEnvelope, runOutputJson } from '../runs/run-output-json';
import type { RunsHub } from '../runs/runs-hub';
import { RunsRepository } from '../runs/runs-repository';
import { streamRunEvents } from '../runs/stream-run-events';
import { tablePreview, tablePreviewIpc } from '../runs/table-preview';
import { actorOf } from './actor-of';

const arrowType = 'application/vnd.apache.arrow.stream';
const start = defineRoute('runs:write', {
  method: 'post',
  path: '/',
  operationId: 'startRun',
  summary: 'Queue a run of a graph version (the latest when omitted)',
  tags: ['runs'],
  request: jsonBody(startRunBody),
  responses: { 201: jsonResponse('Queued', runSchema), ...errorResponses(404) },
});
const list = defineRoute('runs:read', {
  method: 'get',
  path: '/',
  operationId: 'listRuns',
  summary: 'List runs, newest first',
  tags: ['runs'],
  request: { query: listRunsQuery },
  responses: { 200: jsonResponse('A page of runs', runPage) },
});
const get = defineRoute('runs:read', {
  method: 'get',
  path: '/{id}',
  operationId: 'getRun',
  summary: 'A run with its node runs: status, timings, cache hits, logs, output summaries',
  tags: ['runs'],
  request: { params: runIdParam },
  responses: { 200: jsonResponse('The run', runWithNodes), ...errorResponses(404) },
});
const cancel = defineRoute('runs:write', {
  method: 'post',
  path: '/{id}/cancel',
  operationId: 'cancelRun',
  summary: 'Cancel a queued or running run (its owner, ops or an admin)',
  tags: ['runs'],
  request: { params: runIdParam },
  responses: { 202: jsonResponse('Cancelled or being cancelled', runSchema), ...errorResponses(403, 404, 409) },
});
const retry = defineRoute('runs:write', {
  method: 'post',
  path: '/{id}/retry',
  operationId: 'retryRun',
  summary: 'Queue a new run of the same graph version',
  tags: ['runs'],
  request: { params: runIdParam },
  responses: { 201: jsonResponse('Queued', runSchema), ...errorResponses(404, 409) },
});
const output = defineRoute('runs:read', {
  method: 'get',
  path: '/{id}/outputs/{node}/{port}',
  operationId: 'getRunOutput',
  summary:
    `A run's output by its kind: a page of a table (JSON rows, or Arrow IPC with Accept: ${arrowType}), a model's ONNX file ` +
    '(its card as JSON with ?card=1), or the JSON of metrics, charts, reports and values; JSON answers carry the kind',
  tags: ['runs'],
  request: {
    params: runOutputParams,
    query: runOutputQuery,
  },
  responses: {
    200: {
      description: 'Table rows, a model file or card, or an output’s JSON',
      content: {
        'application/json': { schema: runOutputJson },
        [arrowType]: { schema: z.string().openapi({ format: 'binary' }) },
        'application/octet-stream': { schema: z.string().openapi({ format: 'binary', description: 'ONNX model' }) },
      },
    },
    ...errorResponses(404),
  },
});
const image = defineRoute('runs:read', {
  method: 'get',
  path: '/{id}/outputs/{node}/{port}/image',
  operationId: 'getRunChartImage',
  summary: "A run's chart output drawn as an SVG or PNG file",
  tags: ['runs'],
  request: { params: runOutputParams, query: chartImageQuery },
  responses: {
    200: {
      description: 'The chart as an image file',
      content: {
        'image/svg+xml': { schema: z.string() },
        'image/png': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses(400, 404),
  },
});
const events = defineRoute('runs:read', {
  method: 'get',
  path: '/{id}/events',
  operationId: 'streamRunEvents',
  summary: 'Server-sent events of a run; resumable with Last-Event-ID (or ?lastEventId=)',
  tags: ['runs'],
  request: { params: runIdParam, query: runEventsQuery },
  responses: {
    200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: z.string() } } },
    ...errorResponses(404),
  },
});

/** Runs: start, list, read with node runs, cancel, retry, outputs (table pages, models, JSON), live events. */
export function runRoutes(services: Services, given?: RunsHub) {
  const bus = new RunBus(services.logger);
  const hub: RunsHub = given ?? {
    runs: new RunsRepository(services.db, bus, { maxAttempts: 2, timeoutMs: 60 * 60 * 1000 }),
    bus,
    artifacts: undefined,
    pollMs: 1_000,
  };
  const { runs } = hub;
  return newRouter()
    .openapi(start, async (c) => {
      const body = c.req.valid('json');
      await refuseRunWithoutPlugins(services, body.graphId, body.version);
      const run = await runs.enqueue({
        graphId: body.graphId,
        ...(body.version === undefined ? {} : { version: body.version }),
        createdBy: actorOf(c).name,
        ownerRole: actorOf(c).role,
      });
      return c.json(run as z.infer<typeof runSchema>, 201);
    })
    .openapi(list, async (c) => {
      const { graphId, status, limit, offset } = c.req.valid('query');
      const page = await runs.list({
        limit,
        offset,
        ...(graphId === undefined ? {} : { graphId }),
        ...(status === undefined ? {} : { status }),
      });
      return c.json(page as { items: Array<z.infer<typeof runSchema>>; total: number }, 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const run = await runs.require(id);
      return c.json({ ...(run as z.infer<typeof runSchema>), nodes: await runs.nodes(id) }, 200);
    })
    .openapi(cancel, async (c) => {
      const { id } = c.req.valid('param');
      requireOwner('run', actorOf(c), (await runs.require(id)).owner, `run ${id}`);
      const { run } = await runs.cancel(id);
      return c.json(run as z.infer<typeof runSchema>, 202);
    })
    .openapi(retry, async (c) => {
      const { id } = c.req.valid('param');
      const actor = actorOf(c);
      return c.json((await runs.retry(id, actor.name, actor.role)) as z.infer<typeof runSchema>, 201);
    })
    .openapi(output, async (c) => {
      const { id, node, port } = c.req.valid('param');
      const { offset, limit, card } = c.req.valid('query');
      await runs.require(id);
      const found = await runOutput(hub, id, node, port, card === '1' || card === 'true');
      if (found.type === 'inline') return c.json({ kind: found.stored.kind, value: found.value } as RunOutputJson, 200);
      const { stored, bytes } = found;
      if (found.type === 'card' || stored.format === 'json') {
        const json = found.type === 'card' ? runOutputEnvelope('model', 'card', bytes) : runOutputEnvelope(stored.kind, 'value', bytes);
        return c.body(json as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'application/json' });
      }
      if (stored.format === 'onnx') {
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename="${fileNamePart(node)}.${fileNamePart(port)}.onnx"`,
        });
      }
      if ((c.req.header('accept') ?? '').includes(arrowType)) {
        return c.body(tablePreviewIpc(bytes, offset, limit) as Uint8Array<ArrayBuffer>, 200, { 'content-type': arrowType });
      }
      return c.json({ kind: 'table' as const, ...tablePreview(bytes, offset, limit) }, 200);
    })
    .openapi(image, async (c) => {
      const { id, node, port } = c.req.valid('param');
      const { format, scale } = c.req.valid('query');
      await runs.require(id);
      const spec = await chartOutput(hub, id, node, port);
      // the renderer (vega, resvg) loads on the first image asked for
      const { chartImage } = await import('../charts/chart-image');
      const { bytes, type } = await chartImage(spec, format, scale);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': type,
        'content-disposition': `attachment; filename="${fileNamePart(node)}.${fileNamePart(port)}.${format}"`,
      });
    })
    .openapi(events, async (c) => {
      const { id } = c.req.valid('param');
      const header = c.req.header('last-event-id');
      const fromHeader = header !== undefined && /^\d{1,10}$/.test(header) ? Number(header) : undefined;
      const after = fromHeader ?? c.req.valid('query').lastEventId ?? 0;
      await runs.require(id);
      return streamSSE(c, (stream) => streamRunEvents(stream, hub, id, after));
    });
}
