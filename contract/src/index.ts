/**
 * @causeway/contract — the HTTP API of a Causeway server, declared once: every request body, query,
 * path and answer as a zod schema. The server validates with them and publishes them in its OpenAPI
 * document; the editor infers its types from them, so a change on one side is a type error on the other.
 */
export * from './audit';
export * from './auth';
export * from './common';
export * from './endpoint-feedback';
export * from './endpoints';
export * from './files';
export * from './graph-tests';
export * from './graphs';
export * from './health';
export * from './model-promotions';
export * from './models';
export * from './plugins';
export * from './pushdown';
export * from './run-events';
export * from './run-outputs';
export * from './runs';
export * from './schedules';
export * from './secrets';
export * from './templates';
export type * from './types';
export * from './users';
