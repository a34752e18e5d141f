import { z } from 'zod';
import { listOf } from './common';

/** A shipped graph template. */
export const templateSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    nodeCount: z.number(),
    edgeCount: z.number(),
    /** The nodes in the order the template lists them: enough to sketch the pipeline. */
    steps: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().optional() })),
    /** Where it can run: only on the server when one of its node types is server-only (a registry, an endpoint). */
    runsIn: z.array(z.enum(['browser', 'server'])),
    /** What must exist on the server before it runs: a registered model (in a stage) or an endpoint. */
    needs: z.array(
      z.object({
        kind: z.enum(['model', 'endpoint']),
        name: z.string(),
        stage: z.string().nullable().describe('For a model: the stage or version it reads (production, staging, latest, 3).'),
        madeBy: z.object({ id: z.string(), name: z.string() }).nullable().describe('The template that registers the model: run it first.'),
      }),
    ),
  })
  .meta({ id: 'Template' });
export const templateList = listOf(templateSchema);
