import { type NodeRegistry, UserError } from '@causeway/sdk';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { Kysely } from 'kysely';
import type { ArtifactStore } from './artifacts/artifact-store';
import type { Database } from './db/database';
import type { Endpoints } from './endpoints/endpoints-runtime';
import { apiDocument, registerApiComponents } from './http/api-document';
import type { AppEnv } from './http/app-env';
import { resolveClientAddress } from './http/client-address';
import { actionExtension } from './http/define-route';
import { RateLimits } from './http/rate-limits';
import { createServices, type Services } from './http/services';
import type { Logger } from './logger';
import { createServerMetrics } from './metrics/server-metrics';
import { authenticate } from './middleware/authenticate';
import { errorHandler } from './middleware/error-handler';
import { jsonGuard } from './middleware/json-guard';
import { rateLimit } from './middleware/rate-limit';
import { refuseAnonymousBodies } from './middleware/refuse-anonymous-bodies';
import { requireAction } from './middleware/require-action';
import { storableUrl } from './middleware/storable-url';
import type { PluginRegistry } from './plugins/registry-download';
import { auditRoutes } from './routes/audit';
import { docsRoutes } from './routes/docs';
import { endpointFeedbackRoutes } from './routes/endpoint-feedback';
import { endpointRoutes } from './routes/endpoints';
import { fileRoutes } from './routes/files';
import { type GraphTestRunner, graphTestsRoutes } from './routes/graph-tests';
import { graphVersionRoutes } from './routes/graph-versions';
import { graphRoutes } from './routes/graphs';
import { healthRoutes } from './routes/health';
import { metricsRoutes } from './routes/metrics';
import { modelRoutes } from './routes/models';
import { nodeRoutes } from './routes/nodes';
import { pluginRoutes } from './routes/plugins';
import { runRoutes } from './routes/runs';
import { scheduleRoutes } from './routes/schedules';
import { secretRoutes } from './routes/secrets';
import { signInRoutes } from './routes/sign-in';
import { templateRoutes } from './routes/templates';
import { tokenRoutes } from './routes/tokens';
import { userRoutes } from './routes/users';
import type { RunsHub } from './runs/runs-hub';
import type { SecretCipher } from './secrets/secret-cipher';

/** What the app is built from. */
export interface AppDeps {
  db: Kysely<Database>;
  registry: NodeRegistry;
  cipher: SecretCipher;
  logger: Logger;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  /** The folder runs read files from; uploads through `/api/files` go there (absent: no uploads). */
  filesDir?: string;
  /** Largest upload through `/api/files`, in bytes (default 256 MiB). */
  uploadLimit?: number;
  /** The editor's origin: the only one CORS allows. */
  corsOrigin: string;
  /** Runs: queue, events and artifacts (see `startRuns`); without it runs are queued but nobody here executes them. */
  runs?: RunsHub;
  /** Runs graph versions' tests (the worker pool's threads); absent: they run in the API process. */
  graphTests?: GraphTestRunner;
  /** Where model files live; defaults to the runs' artifact store. */
  artifacts?: ArtifactStore;
  /** Model serving (see `startEndpoints`); without it the endpoint routes are not mounted. */
  endpoints?: Endpoints;
  /** Tokens looked up lately kept in memory (`CAUSEWAY_TOKEN_CACHE_ENTRIES`, default 10,000). */
  tokenCacheEntries?: number;
  /** Request rate limits, shared with the prediction fast path; from the environment when absent. */
  rateLimits?: RateLimits;
  /** Where `POST /api/plugins/registry` downloads plugins from, and the client it uses (absent: that route refuses). */
  pluginRegistry?: PluginRegistry;
  /** Mounts more resources (runs, schedules…) on the `/api` app before the catch-all. */
  extend?: (api: OpenAPIHono<AppEnv>, services: Services) => void;
}

/**
 * The HTTP API: secure headers, CORS for the editor's origin, refusal of unauthenticated bodies
 * unread, rate limits, body limits, hostile-JSON guard, bearer-token authentication, one sub-app per resource, OpenAPI at `/api/openapi.json` and JSON
 * errors `{ code, message, details }`.
 */
export function createApp(deps: AppDeps): { app: OpenAPIHono<AppEnv>; services: Services } {
  const services = createServices(deps);
  const app = new OpenAPIHono<AppEnv>();
  app.onError(errorHandler(deps.logger));
  const headersWith = (scriptSrc: string[], frameAncestors = ["'none'"]) =>
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc,
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors,
      },
    });
  const pageHeaders = headersWith(["'self'", "'wasm-unsafe-eval'"]);
  // The editor's runner frame (sandboxed by the page, and framed by it alone) starts the runner worker from a blob,
  // which takes the frame's policy: node code imports plugin bundles from blob: URLs, and apache-arrow's builders
  // compile their null checks with Function. The page may do neither.
  const runnerFrameHeaders = headersWith(["'self'", "'wasm-unsafe-eval'", "'unsafe-eval'", 'blob:'], ["'self'"]);
  app.use((c, next) => (c.req.path === '/runner-frame.html' ? runnerFrameHeaders : pageHeaders)(c, next));
  app.use('/api/*', cors({ origin: deps.corsOrigin, allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'], maxAge: 600 }));
  // Cheap refusals first: nothing below reads a body that has no token (public routes aside) or is over a rate limit.
  app.use('/api/*', refuseAnonymousBodies(publicRoutesWithBodies(app)));
  const rateLimits = deps.rateLimits ?? RateLimits.fromEnv(process.env);
  app.use('/api/*', resolveClientAddress(rateLimits.trustProxy));
  app.use('/api/auth/sign-in', rateLimit(rateLimits, 'sign-in'));
  app.use('/api/endpoints/:name/predict', rateLimit(rateLimits, 'predict'));
  const limitOf = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new UserError('PAYLOAD_TOO_LARGE', `The request body is larger than ${maxSize} bytes.`, { details: { limit: maxSize } });
      },
    });
  const uploadLimit = deps.uploadLimit ?? 256 * 2 ** 20;
  const bodyLimits = { general: limitOf(deps.bodyLimit), upload: limitOf(uploadLimit + 65_536) };
  // Uploads have their own, larger limit (plus room for multipart framing). The route counts the file's bytes as
  // they stream to disk, so a body of undeclared length goes straight to it: the limiter would hold it in memory.
  app.use('/api/*', (c, next) => {
    if (c.req.method !== 'POST' || c.req.path !== '/api/files') return bodyLimits.general(c, next);
    return c.req.header('content-length') === undefined ? next() : bodyLimits.upload(c, next);
  });
  app.use('/api/*', authenticate(services.tokens));
  app.use('/api/*', storableUrl());
  app.use('/api/*', jsonGuard());

  registerApiComponents(app.openAPIRegistry);
  app.route('/api/health', healthRoutes(services));
  app.route('/api', tokenRoutes(services));
  app.route('/api', signInRoutes(services));
  app.route('/api', userRoutes(services));
  app.route('/api/graphs', graphRoutes(services));
  app.route('/api/graphs', graphVersionRoutes(services));
  app.route('/api/graphs', graphTestsRoutes(services, { filesDir: deps.filesDir, runner: deps.graphTests }));
  app.route('/api/secrets', secretRoutes(services));
  app.route('/api/audit', auditRoutes(services));
  app.route('/api/nodes', nodeRoutes(services));
  app.route('/api/plugins', pluginRoutes(services, deps.pluginRegistry));
  app.route('/api/runs', runRoutes(services, deps.runs));
  app.route('/api/schedules', scheduleRoutes(services));
  if (deps.endpoints) app.route('/api/endpoints', endpointRoutes(services, deps.endpoints));
  if (deps.endpoints) app.route('/api/endpoints', endpointFeedbackRoutes(deps.endpoints, deps.endpoints.feedback));
  app.route('/api/models', modelRoutes(services, deps.artifacts ?? deps.runs?.artifacts));
  app.route('/api/templates', templateRoutes(services));
  app.route('/api/files', fileRoutes(services, { filesDir: deps.filesDir, maxBytes: uploadLimit }));
  deps.extend?.(app, services);
  app.use('/api/openapi.json', requireAction('self:read'));
  app.doc31('/api/openapi.json', apiDocument);
  app.route('/api/docs', docsRoutes());
  app.route(
    '/metrics',
    metricsRoutes(services.tokens, createServerMetrics(deps.db, deps.endpoints?.figures, deps.artifacts ?? deps.runs?.artifacts)),
  );
  app.all('/api/*', (c) => {
    throw new UserError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}.`);
  });
  return { app, services };
}

/** Whether a request goes to a route declared `public` that takes a body (sign-in), read from the routes' declarations once they are all registered. */
function publicRoutesWithBodies(app: OpenAPIHono<AppEnv>): (method: string, path: string) => boolean {
  let routes: Set<string> | undefined;
  return (method, path) => {
    routes ??= new Set(
      app.openAPIRegistry.definitions.flatMap((definition) =>
        definition.type === 'route' && (definition.route as Record<string, unknown>)[actionExtension] === 'public'
          ? [`${definition.route.method.toUpperCase()} ${definition.route.path}`]
          : [],
      ),
    );
    return routes.has(`${method} ${path}`);
  };
}
