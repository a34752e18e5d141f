import { health as healthAnswer } from '@causeway/contract';
import { sql } from 'kysely';
import { defineRoute } from '../http/define-route';
import { newRouter } from '../http/new-router';
import { jsonResponse } from '../http/schemas';
import type { Services } from '../http/services';

const health = defineRoute('public', {
  method: 'get',
  path: '/',
  operationId: 'getHealth',
  summary: 'Liveness and database reachability',
  tags: ['health'],
  responses: { 200: jsonResponse('Up', healthAnswer) },
});

/** `GET /api/health`: the one route that needs no token. 503 while the database is down. */
export function healthRoutes(services: Services) {
  return newRouter().openapi(health, async (c) => {
    await sql`select 1`.execute(services.db);
    return c.json({ status: 'ok' as const, database: 'up' as const }, 200);
  });
}
