import { templateList } from '@causeway/contract';
import { parseJsonSafely } from '@causeway/sdk';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';
import { templateMark } from '../load-templates';
import { modelsMadeBy, templateNeeds } from '../template-needs';

const list = defineRoute('graphs:read', {
  method: 'get',
  path: '/',
  operationId: 'listTemplates',
  summary: 'Graph templates loaded from templates/*.json at start; open one with GET /api/graphs/{id}/versions/1',
  tags: ['graphs'],
  responses: { 200: jsonResponse('Templates', templateList) },
});

interface StoredGraph {
  description?: unknown;
  nodes?: Array<{ id?: unknown; type?: unknown; version?: unknown; label?: unknown; config?: unknown }>;
  edges?: unknown[];
}

/** `GET /api/templates`: the shipped templates, as their first version (later edits of the graph are not the template). */
export function templateRoutes(services: Services) {
  return newRouter().openapi(list, async (c) => {
    const rows = await services.db
      .selectFrom('graphs')
      .innerJoin('graph_versions', (join) => join.onRef('graph_versions.graph_id', '=', 'graphs.id').on('graph_versions.version', '=', 1))
      .select(['graphs.id', 'graphs.name', 'graph_versions.graph'])
      .where('graph_versions.author', '=', templateMark.author)
      .where('graph_versions.message', '=', templateMark.message)
      .orderBy('graphs.name')
      .execute();
    const graphs = rows.map((row) => {
      const parsed = parseJsonSafely(row.graph);
      const graph = (parsed.ok ? parsed.value : {}) as StoredGraph;
      return { row, graph, nodes: Array.isArray(graph.nodes) ? graph.nodes : [] };
    });
    // Which template registers each model, so one that reads it can say what to run first.
    const makers = new Map(
      graphs.flatMap(({ row, nodes }) => modelsMadeBy(nodes).map((m) => [m, { id: row.id, name: row.name }] as const)),
    );
    const items = graphs.map(({ row, graph, nodes }) => {
      return {
        id: row.id,
        name: row.name,
        description: typeof graph.description === 'string' ? graph.description : '',
        nodeCount: nodes.length,
        edgeCount: Array.isArray(graph.edges) ? graph.edges.length : 0,
        steps: nodes.map((n) => ({
          id: String(n.id),
          type: String(n.type),
          ...(typeof n.label === 'string' ? { label: n.label } : {}),
        })),
        runsIn: nodes.some((n) => services.registry.get(String(n.type), Number(n.version))?.runtime === 'server')
          ? ['server' as const]
          : ['browser' as const, 'server' as const],
        needs: templateNeeds(nodes, makers),
      };
    });
    // A fresh install leads with what runs at once; server-only templates read a registered model or an endpoint.
    items.sort((a, b) => b.runsIn.length - a.runsIn.length);
    return c.json({ items }, 200);
  });
}
