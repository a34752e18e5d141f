import { z } from '@hono/zod-openapi';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { jsonResponse, pageQuery } from '../http/schemas';
import type { Services } from '../http/services';

const entry = z
  .object({
    id: z.number(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    details: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .openapi('AuditEntry');

const list = defineRoute('audit:read', {
  method: 'get',
  path: '/',
  operationId: 'listAuditEntries',
  summary: 'The audit log, newest first',
  tags: ['audit'],
  request: { query: pageQuery.extend({ action: z.string().max(100).optional() }) },
  responses: { 200: jsonResponse('A page of entries', z.object({ items: z.array(entry), total: z.number() })) },
});

/** The audit log (admin and ops). */
export function auditRoutes(services: Services) {
  return newRouter().openapi(list, async (c) => {
    const { limit, offset, action } = c.req.valid('query');
    const page = await services.audit.list({ limit, offset, ...(action === undefined ? {} : { action }) });
    return c.json({ items: page.items.map((e) => ({ ...e, at: e.at.toISOString() })), total: page.total }, 200);
  });
}
