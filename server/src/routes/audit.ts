import { auditPage, auditQuery } from '@causeway/contract';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';

const list = defineRoute('audit:read', {
  method: 'get',
  path: '/',
  operationId: 'listAuditEntries',
  summary: 'The audit log, newest first',
  tags: ['audit'],
  request: { query: auditQuery },
  responses: { 200: jsonResponse('A page of entries', auditPage) },
});

/** The audit log (admin and ops). */
export function auditRoutes(services: Services) {
  return newRouter().openapi(list, async (c) => {
    const { limit, offset, action } = c.req.valid('query');
    const page = await services.audit.list({ limit, offset, ...(action === undefined ? {} : { action }) });
    return c.json({ items: page.items.map((e) => ({ ...e, at: e.at.toISOString() })), total: page.total }, 200);
  });
}
