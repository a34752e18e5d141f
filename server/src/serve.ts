import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBuiltinRegistry } from '@causeway/nodes';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app';
import { ArtifactStore } from './artifacts/artifact-store';
import { type ConfigFlags, requireConfig } from './config';
import { connectDatabase } from './db/connect';
import { migrate } from './db/migrate';
import { tendCanaries } from './endpoints/canary-tending';
import { startEndpoints } from './endpoints/endpoints-runtime';
import { modelVersionsIn } from './endpoints/model-version-source';
import { predictFastPath } from './endpoints/predict-fast-path';
import { ensureAdminToken } from './ensure-admin-token';
import { RateLimits } from './http/rate-limits';
import { loadTemplates } from './load-templates';
import { consoleLogger, type Logger } from './logger';
import { AddressPolicy } from './net/address-policy';
import { httpSettingsSchema } from './net/http-settings';
import { createSafeHttpClient } from './net/safe-fetch';
import { AuditRepository } from './repositories/audit-repository';
import { runSettings } from './runs/run-settings';
import { startRuns } from './runs/start-runs';
import { startScheduler } from './schedules/start-scheduler';
import { loadMasterKey } from './secrets/master-key';
import { SecretCipher } from './secrets/secret-cipher';
import { serveWeb } from './serve-web';
import { memoryBounds } from './settings/memory-settings';

/** Options of {@link serve}: flags that override the environment. */
export interface ServeOptions extends ConfigFlags {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  /** Install SIGTERM/SIGINT handlers (default true). */
  handleSignals?: boolean;
}

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// The build copies the editor and the templates beside its modules (server/scripts/build.mjs): the
// published package finds them there; the sources find them at the repository's root.
const moduleDir = fileURLToPath(new URL('.', import.meta.url));

/** The first folder holding an `index.html`, else the last (where serveWeb shows how to build the editor). */
function firstWithIndex(folders: string[]): string {
  return folders.find((folder) => existsSync(join(folder, 'index.html'))) ?? (folders.at(-1) as string);
}

/**
 * `causeway serve`: validates settings, opens PostgreSQL (DATABASE_URL) or PGlite in the data dir,
 * migrates, makes sure an admin token exists, loads templates, serves the API and the built editor,
 * prints the local URL (with the admin token on first start) and shuts down cleanly on a signal.
 */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger;
  const config = requireConfig(options.env ?? process.env, options);
  await mkdir(config.dataDir, { recursive: true });
  const database = await connectDatabase(
    config.databaseUrl === undefined
      ? { kind: 'pglite', dataDir: join(config.dataDir, 'db'), sharedBuffersMb: config.pgliteSharedBuffersMb }
      : { kind: 'postgres', url: config.databaseUrl },
  );
  await migrate(database.db);
  const cipher = new SecretCipher(await loadMasterKey({ secretKey: config.secretKey, dataDir: config.dataDir }));
  const artifacts = new ArtifactStore(database.db, join(config.dataDir, 'artifacts'));
  const runs = await startRuns({
    db: database.db,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    cipher,
    logger,
    settings: runSettings(options.env ?? process.env),
  });
  const bounds = memoryBounds(options.env ?? process.env);
  const endpoints = startEndpoints({
    db: database.db,
    versions: modelVersionsIn(database.db, artifacts),
    audit: new AuditRepository(database.db),
    logger,
    options: { stateCacheEntries: bounds.endpointStateEntries, servedModels: bounds.servedModels },
  });
  const rateLimits = RateLimits.fromEnv(options.env ?? process.env);
  const { app, services } = createApp({
    rateLimits,
    runs: runs.hub,
    ...(runs.pool === undefined ? {} : { graphTests: runs.pool.runTests.bind(runs.pool) }),
    endpoints,
    db: database.db,
    registry: createBuiltinRegistry(),
    cipher,
    logger,
    bodyLimit: config.bodyLimit,
    corsOrigin: config.corsOrigin,
    filesDir: join(config.dataDir, 'files'),
    pluginRegistry: {
      url: httpSettingsSchema.parse(options.env ?? process.env).CAUSEWAY_PLUGIN_REGISTRY,
      http: createSafeHttpClient({ policy: AddressPolicy.fromEnv(options.env ?? process.env) }),
    },
    tokenCacheEntries: bounds.tokenCacheEntries,
  });
  serveWeb(app, firstWithIndex([join(moduleDir, 'web'), join(repoRoot, 'web', 'dist')]));
  const adminToken = await ensureAdminToken(services.tokens, config.dataDir);
  const templates = await loadTemplates(services, [
    join(process.cwd(), 'templates'),
    join(moduleDir, 'templates'),
    join(repoRoot, 'templates'),
    join(repoRoot, 'test', 'fixtures', 'templates'),
  ]);
  if (templates.length > 0) logger.info('templates loaded', { graphs: templates });
  const swept = await artifacts.sweep(config.artifactRetentionDays);
  if (swept.length > 0) logger.info('artifacts swept', { count: swept.length });

  // Scoring requests take a lean path straight on node:http; everything else goes through the app.
  const fastPredict = predictFastPath({
    tokens: services.tokens,
    predictor: endpoints.predictor,
    logger,
    bodyLimit: config.bodyLimit,
    corsOrigin: config.corsOrigin,
    rateLimits,
  });
  const appListener = getRequestListener(app.fetch, { hostname: config.host });
  const server = createServer((req, res) => {
    if (!fastPredict(req, res)) void appListener(req, res);
  });
  server.listen(config.port, config.host);
  await new Promise<void>((done, fail) => {
    server.once('listening', done);
    server.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}/`;
  console.log(`Causeway is running at ${adminToken === undefined ? url : `${url}?token=${adminToken}`}`);
  const scheduler = startScheduler({
    db: database.db,
    env: options.env ?? process.env,
    runs: runSettings(options.env ?? process.env),
    logger,
    cipher,
    ownUrl: url,
    onQueued: () => runs.hub.bus.publish({ kind: 'queued' }),
    alsoOnTick: (now, post) => tendCanaries({ db: database.db, changes: endpoints.changes, logger, now, post }),
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      await scheduler?.stop();
      // In-flight runs go back to the queue for immediate retry by another worker.
      await runs.stop();
      await endpoints.close();
      // Event streams never go idle by themselves.
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await database.close();
    })();
    return closing;
  };
  if (options.handleSignals !== false) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info('shutting down', { signal });
      void close().then(() => process.exit(0));
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { url, port, close };
}
