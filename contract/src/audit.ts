import { z } from 'zod';
import { pageOf, pageQuery } from './common';

export const auditEntry = z
  .object({
    id: z.number(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    details: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .meta({ id: 'AuditEntry' });
export const auditQuery = pageQuery.extend({ action: z.string().max(100).optional() });
export const auditPage = pageOf(auditEntry);
