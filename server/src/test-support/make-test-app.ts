import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeRegistry } from '@causeway/sdk';
import { createApp } from '../app';
import { ArtifactStore } from '../artifacts/artifact-store';
import type { Role } from '../auth/roles';
import { roles } from '../auth/roles';
import { connectDatabase, type DatabaseHandle, type DatabaseTarget } from '../db/connect';
import { migrate } from '../db/migrate';
import { type EndpointsOptions, startEndpoints } from '../endpoints/endpoints-runtime';
import { modelVersionsIn } from '../endpoints/model-version-source';
import { RateLimits } from '../http/rate-limits';
import type { Logger } from '../logger';
import type { PluginRegistry } from '../plugins/registry-download';
import { AuditRepository } from '../repositories/audit-repository';
import { SecretCipher } from '../secrets/secret-cipher';
import { migratedPgliteDump } from './migrated-pglite';

/** Captures log lines so tests can read them. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

/** A migrated app on in-memory PGlite (or a given database), with one token per role. */
export async function makeTestApp(
  options: {
    target?: DatabaseTarget;
    bodyLimit?: number;
    registry?: NodeRegistry;
    endpoints?: EndpointsOptions;
    filesDir?: string;
    uploadLimit?: number;
    rateLimits?: RateLimits;
    pluginRegistry?: PluginRegistry;
  } = {},
) {
  const handle: DatabaseHandle = await connectDatabase(options.target ?? { kind: 'pglite', loadDataDir: await migratedPgliteDump() });
  await migrate(handle.db);
  const logger = memoryLogger();
  const artifactsDir = await mkdtemp(join(tmpdir(), 'causeway-test-artifacts-'));
  const artifacts = new ArtifactStore(handle.db, artifactsDir);
  const endpoints = startEndpoints({
    db: handle.db,
    versions: modelVersionsIn(handle.db, artifacts),
    audit: new AuditRepository(handle.db),
    logger,
    ...(options.endpoints ? { options: options.endpoints } : {}),
  });
  const rateLimits = options.rateLimits ?? RateLimits.fromEnv({});
  const { app, services } = createApp({
    endpoints,
    artifacts,
    db: handle.db,
    registry: options.registry ?? new NodeRegistry(),
    cipher: new SecretCipher(randomBytes(32)),
    logger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    corsOrigin: 'http://127.0.0.1:8787',
    ...(options.filesDir === undefined ? {} : { filesDir: options.filesDir }),
    ...(options.uploadLimit === undefined ? {} : { uploadLimit: options.uploadLimit }),
    ...(options.pluginRegistry === undefined ? {} : { pluginRegistry: options.pluginRegistry }),
    rateLimits,
  });
  const tokens = {} as Record<Role, string>;
  for (const role of roles) tokens[role] = (await services.tokens.create({ name: `${role}-test`, role, createdBy: null })).token;
  const call = (
    method: string,
    path: string,
    init: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.raw !== undefined) body = init.raw;
    else if (init.body !== undefined) body = JSON.stringify(init.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  };
  const close = async () => {
    await endpoints.close();
    await handle.close();
    await rm(artifactsDir, { recursive: true, force: true });
  };
  return { app, services, handle, logger, tokens, call, artifacts, endpoints, rateLimits, close };
}

export type TestApp = Awaited<ReturnType<typeof makeTestApp>>;
