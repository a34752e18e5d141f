import { z } from 'zod';

/** `GET /api/health`: up, with the database reachable (503 otherwise). */
export const health = z.object({ status: z.literal('ok'), database: z.literal('up') });

/** `GET /api/nodes`: the node catalogue (types, versions, ports and config JSON Schemas). */
export const nodeCatalogAnswer = z.object({ items: z.array(z.record(z.string(), z.unknown())) });
