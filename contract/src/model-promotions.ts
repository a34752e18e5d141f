import { z } from 'zod';
import { canaryPolicy } from './endpoints';

/** A promotion a retraining run asked for: to production, on canary on an endpoint, or waiting for an ops approval. */
export const modelPromotionSchema = z
  .object({
    key: z.string().describe('The schedule occurrence (or run) and node that asked: one promotion per key.'),
    name: z.string(),
    version: z.number(),
    mode: z.enum(['production', 'canary', 'approval']),
    endpoint: z.string().nullable(),
    canary: z.object({ percent: z.number(), policy: canaryPolicy.nullable() }).nullable(),
    status: z.enum(['pending', 'approved', 'rejected', 'applied']),
    requestedBy: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ModelPromotion' });

export const modelPromotionList = z.object({ items: z.array(modelPromotionSchema) });

/** `awaiting=true` keeps the promotions that wait for an ops approval. */
export const modelPromotionsQuery = z.object({ awaiting: z.enum(['true', 'false']).optional() });

/** Approve or reject a pending promotion; the reason goes into the audit log. */
export const decidePromotionBody = z.object({ reason: z.string().trim().max(2_000).optional() }).strict();
