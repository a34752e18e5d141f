import { type OpenAPIRegistry, registerErrorResponses } from './error-responses';

/** The OpenAPI document's own fields; its paths come from the routes. */
export const apiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Causeway API',
    version: '1',
    description:
      'Graphs, runs, schedules, the model registry, endpoints and plugins of a Causeway server. Every route but health and sign-in needs a token.',
    // The project publishes no licence: none is granted (SPDX has no identifier for that, hence a LicenseRef).
    license: { name: 'Proprietary: no licence granted', identifier: 'LicenseRef-Proprietary' },
  },
  // Relative: the API is where this document is served from.
  servers: [{ url: '/', description: 'This server' }],
};

/** The components routes refer to: the bearer scheme and the error responses. */
export function registerApiComponents(registry: OpenAPIRegistry): void {
  registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`cw_…`, made by an admin) or a session token from `POST /api/auth/sign-in`.',
  });
  registerErrorResponses(registry);
}
