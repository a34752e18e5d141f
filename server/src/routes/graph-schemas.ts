import { graphSchema, type Issue, idPattern } from '@causeway/sdk';
import { z } from '@hono/zod-openapi';
import type { GraphInfo, GraphVersion } from '../repositories/graphs-repository';

export const graphIdParam = z.object({ id: z.string().regex(idPattern) });

const { $schema: _, ...publishedGraphSchema } = z.toJSONSchema(graphSchema, { target: 'draft-2020-12' });

/**
 * A graph document: published as the graph format's JSON Schema (the one in sdk/schema), but
 * checked by `parseGraphBody`, not here, so a bad graph gets issues that name its nodes and fields.
 */
export const graphDocument = z
  .record(z.string(), z.unknown())
  .openapi('Graph', { ...(publishedGraphSchema as object), description: 'A causeway.graph/1 document (sdk/schema).' });

export const issueSchema = z.object({
  code: z.string(),
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  nodeId: z.string().optional(),
});

export const graphInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    latestVersion: z.number(),
    createdBy: z.string(),
    owner: z.string().nullable().describe('Who may change the graph besides admins; null: shared (templates)'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('GraphInfo');

export const versionSchema = z
  .object({ graphId: z.string(), version: z.number(), author: z.string(), message: z.string(), createdAt: z.string() })
  .openapi('GraphVersion');

export function graphInfoJson(info: GraphInfo) {
  return { ...info, createdAt: info.createdAt.toISOString(), updatedAt: info.updatedAt.toISOString() };
}

export function versionJson(version: GraphVersion) {
  return { ...version, createdAt: version.createdAt.toISOString() };
}

export function issuesJson(issues: readonly Issue[]) {
  return issues.map((i) => ({
    code: i.code,
    path: [...i.path],
    message: i.message,
    ...(i.nodeId === undefined ? {} : { nodeId: i.nodeId }),
  }));
}
