import { pathToFileURL } from 'node:url';
import type { Issue } from '@causeway/sdk';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { AuditRepository } from '../repositories/audit-repository';
import { type HostCallHandler, hostMethod } from '../runs/host-calls';
import { materializeBundle } from './materialize-bundle';
import { PluginCrashBreaker } from './plugin-crash-breaker';
import { type PluginSandboxSettings, pluginSandboxSettings } from './plugin-sandbox-settings';
import { PluginsRepository } from './plugins-repository';
import { type ResolvedPlugin, resolvePlugins } from './resolve-plugins';
import { buildSandboxRuntime } from './sandbox/build-sandbox-runtime';
import { type SandboxIsolation, sandboxIsolation } from './sandbox/sandbox-isolation';
import type { SandboxLimits } from './sandbox/sandbox-process';
import { SandboxReaper } from './sandbox-reaper';

/** A plugin version ready to load in a sandbox: its descriptors and the file: URL of its rewritten bundle. */
export interface SandboxPlugin extends ResolvedPlugin {
  bundle: string;
}

/** How to start a sandbox: its entry, the folders it may read, its limits. */
export interface SandboxSetup {
  entry: string;
  readDirs: string[];
  limits: SandboxLimits;
  isolation: SandboxIsolation;
}

/** What a run thread gets back from `plugins.prepare`. */
export interface PluginPreparation {
  issues: Issue[];
  plugins: SandboxPlugin[];
  /** How to start the sandbox: absent when the graph uses no plugin. */
  sandbox?: SandboxSetup;
}

const args = z.tuple([
  z.record(z.string().max(214), z.string().max(100)),
  z.array(z.object({ id: z.string().max(200), type: z.string().max(500) })).max(10_000),
]);

/** Provenance: the plugin versions and bundle hashes a run is about to use, kept on the run. */
async function recordRunPlugins(db: Kysely<Database>, runId: number, plugins: readonly ResolvedPlugin[]): Promise<void> {
  const used = plugins.map(({ name, version, sha256 }) => ({ name, version, sha256 }));
  await db
    .updateTable('runs')
    .set({ plugins: JSON.stringify(used) })
    .where('id', '=', runId)
    .execute();
}

/**
 * The `plugins` host-call service. `prepare(requires, unknownNodes)` resolves a run's plugins from
 * the database, writes their bundles under `dir` and builds the sandbox runtime there, so the run
 * thread can start a sandbox that reads only those files; `started(pid)` records a sandbox so it
 * is killed should it outlive its run; `crashed(name, version)` counts a sandbox crash against the
 * plugin version that was running (disabled at the crash limit).
 */
export function pluginHostCalls(deps: {
  db: Kysely<Database>;
  dir: string;
  logger: Logger;
  settings?: PluginSandboxSettings;
}): Record<string, HostCallHandler> {
  const repository = new PluginsRepository(deps.db);
  const settings = deps.settings ?? pluginSandboxSettings(process.env);
  const { limits } = settings;
  const reaper = new SandboxReaper(deps.db, deps.logger);
  const breaker = new PluginCrashBreaker(
    { plugins: repository, audit: new AuditRepository(deps.db), logger: deps.logger },
    settings.crashLimit,
  );
  let isolation: SandboxIsolation | undefined;
  // Probed on the first run that needs a sandbox (it starts processes), then logged once: operators see what is in force.
  const isolationNow = () => {
    if (isolation === undefined) {
      isolation = sandboxIsolation(settings.isolation, settings.user, limits.network);
      deps.logger.info('plugin sandbox isolation', {
        kind: isolation.kind,
        emptyNetwork: isolation.emptyNetwork,
        asked: settings.isolation,
      });
      if (isolation.warning !== undefined) deps.logger.warn(isolation.warning, { kind: isolation.kind });
    }
    return isolation;
  };
  return {
    crashed: hostMethod(z.tuple([z.string().max(214), z.string().max(100)]), async ([name, version], run) => {
      return breaker.crashed(name, version, run.runId);
    }),
    /** A run thread started a sandbox: killed here if it outlives its run (a thread that crashed cannot). */
    started: hostMethod(z.tuple([z.int().positive()]), async ([pid], run) => {
      reaper.track(pid, run.runId);
      return null;
    }),
    prepare: hostMethod(args, async ([requires, nodes], run): Promise<PluginPreparation> => {
      // The thread sends only the nodes its own registry lacks.
      const resolution = await resolvePlugins(repository, { requires, nodes }, () => false);
      if (resolution.issues.length > 0 || resolution.plugins.length === 0) return { issues: resolution.issues, plugins: [] };
      await recordRunPlugins(deps.db, run.runId, resolution.plugins);
      const runtime = await buildSandboxRuntime(deps.dir);
      const plugins: SandboxPlugin[] = [];
      const readDirs = [runtime.dir];
      for (const plugin of resolution.plugins) {
        const folder = await materializeBundle(repository, plugin, runtime, deps.dir);
        readDirs.push(folder);
        plugins.push({ ...plugin, bundle: pathToFileURL(`${folder}/plugin.mjs`).href });
      }
      return { issues: [], plugins, sandbox: { entry: runtime.entry, readDirs, limits, isolation: isolationNow() } };
    }),
  };
}
