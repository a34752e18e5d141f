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
  })
  .meta({ id: 'Template' });
export const templateList = listOf(templateSchema);
