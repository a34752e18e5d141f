import { graphSchema, idPattern } from '@causeway/sdk';
import { z } from 'zod';
import { errorCodeSchema, integerParam, pageOf, pageQuery } from './common';

export const graphIdParam = z.object({ id: z.string().regex(idPattern) });
export const graphVersionNumber = integerParam(1, 2_147_483_647);
export const graphVersionParams = graphIdParam.extend({ version: graphVersionNumber });
export const listGraphsQuery = pageQuery.extend({ q: z.string().max(200).optional() });
export const graphDiffQuery = z.object({ from: graphVersionNumber, to: graphVersionNumber });

const { $schema: _, ...publishedGraphSchema } = z.toJSONSchema(graphSchema, { target: 'draft-2020-12' });

/**
 * A graph document: published as the graph format's JSON Schema (the one in sdk/schema), but
 * checked by the server's graph parser, not here, so a bad graph gets issues that name its nodes and fields.
 */
export const graphDocument = z
  .record(z.string(), z.unknown())
  .meta({ ...(publishedGraphSchema as object), id: 'Graph', description: 'A causeway.graph/1 document (sdk/schema).' });

/** A problem found in a graph, on its node and field. */
export const issueSchema = z.object({
  code: errorCodeSchema,
  path: z.array(z.union([z.string(), z.number()])),
  message: z.string(),
  nodeId: z.string().exactOptional(),
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
  .meta({ id: 'GraphInfo' });

export const graphVersionSchema = z
  .object({ graphId: z.string(), version: z.number(), author: z.string(), message: z.string(), createdAt: z.string() })
  .meta({ id: 'GraphVersion' });

export const graphPage = pageOf(graphInfoSchema);
export const graphVersionList = z.object({ items: z.array(graphVersionSchema) });

/** `POST /api/graphs`. */
export const saveGraphBody = z.object({ graph: graphDocument, message: z.string().max(2_000).default('') }).strict();
/** `POST /api/graphs/{id}/versions`: a new version, with the version the edit started from. */
export const saveGraphVersionBody = saveGraphBody
  .extend({
    baseVersion: z
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional()
      .describe('The version this edit started from; a newer latest version is a conflict (409 GRAPH_VERSION_CONFLICT)'),
  })
  .strict();
export const renameGraphBody = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const createdGraph = graphInfoSchema.extend({ issues: z.array(issueSchema) });
export const graphWithDocument = graphInfoSchema.extend({ graph: graphDocument });
export const savedGraphVersion = graphVersionSchema.extend({ issues: z.array(issueSchema), unchanged: z.boolean() });
export const graphVersionWithDocument = graphVersionSchema.extend({ graph: graphDocument });

const briefNode = z.object({ id: z.string(), type: z.string(), version: z.number() });
const edge = z.object({ from: z.string(), to: z.string() });
const change = { before: z.unknown().optional(), after: z.unknown().optional() };

/** `GET /api/graphs/{id}/diff`: the SDK's `diffGraphs` of two versions, with their numbers. */
export const graphDiffAnswer = z
  .object({
    from: z.number(),
    to: z.number(),
    nodesAdded: z.array(briefNode),
    nodesRemoved: z.array(briefNode),
    nodesChanged: z.array(
      z.object({
        id: z.string(),
        fields: z.array(z.object({ field: z.enum(['type', 'version', 'label', 'position']), ...change })),
        config: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), ...change })),
      }),
    ),
    edgesAdded: z.array(edge),
    edgesRemoved: z.array(edge),
    graphFields: z.array(z.object({ field: z.enum(['name', 'description', 'requires']), ...change })),
  })
  .meta({ id: 'GraphDiff' });

/** The diff answer's type, checked against the SDK's `GraphDiff` in graphs.test.ts. */
export type GraphDiffAnswer = z.infer<typeof graphDiffAnswer>;

/** The `details` of a 409 `GRAPH_VERSION_CONFLICT`: the version the edit started from and the newer one. */
export const graphVersionConflictDetails = z.object({
  baseVersion: z.number(),
  latestVersion: z.number(),
  latestAuthor: z.string().nullable(),
});
