import { resolve } from 'node:path';
import type { PluginManifest } from '@causeway/sdk';
import { parse } from 'semver';
import { type CliIo, exitCodes } from '../cli-io';
import { cliSettings } from '../cli-settings';
import { parseCommandArgs } from '../parse-command-args';
import { UsageError } from '../usage-error';
import { buildPluginDir } from './plugin-build';
import { pollForChanges } from './poll-for-changes';
import { typecheckPlugin, typecheckReport } from './typecheck-plugin';

/** `1.2.0` → `1.2.0-dev`: the one development version of a plugin, replaced on every install. */
export function devVersion(version: string): string {
  const parsed = parse(version);
  if (parsed === null) throw new UsageError(`causeway plugin dev: the plugin's version "${version}" is not semver.`);
  return `${parsed.major}.${parsed.minor}.${parsed.patch}-dev`;
}

/**
 * `causeway plugin dev <dir> [--server URL] [--token TOKEN] [--once] [--no-typecheck]`: type-checks
 * and builds the plugin in <dir>, installs it into a running server as `<version>-dev` (replacing the
 * previous dev install), then watches <dir> and does it again on every save until Ctrl-C. Server and token also come from
 * CAUSEWAY_URL and CAUSEWAY_TOKEN (a developer token may install only -dev versions).
 */
export async function pluginCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'dev') throw new UsageError(`causeway plugin: unknown subcommand "${sub ?? ''}"; try causeway plugin dev <dir>.`);
  const options = {
    server: { type: 'string' },
    token: { type: 'string' },
    once: { type: 'boolean' },
    'no-typecheck': { type: 'boolean' },
  } as const;
  const { values, positionals } = parseCommandArgs('plugin dev', rest, options, ['dir']);
  const dir = resolve(cwd, positionals[0] as string);
  const env = cliSettings(io.env);
  const server = (values.server ?? env.CAUSEWAY_URL).replace(/\/+$/, '');
  const token = values.token ?? env.CAUSEWAY_TOKEN;
  if (token === undefined) throw new UsageError('causeway plugin dev: give a token with --token or CAUSEWAY_TOKEN.');

  const installOnce = async (): Promise<boolean> => {
    try {
      if (values['no-typecheck'] !== true) {
        const checked = await typecheckPlugin(dir);
        if (!checked.ok) {
          io.stderr(typecheckReport(dir, checked));
          return false;
        }
      }
      const built = await buildPluginDir(dir, (text) => io.stderr(text));
      const manifest: PluginManifest = { ...built.manifest, version: devVersion(built.manifest.version) };
      const form = new FormData();
      form.set('manifest', new Blob([JSON.stringify(manifest)], { type: 'application/json' }), 'causeway-plugin.json');
      form.set('bundle', new Blob([built.bundle as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }), 'plugin.mjs');
      const response = await fetch(`${server}/api/plugins/dev`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
      if (!response.ok) {
        io.stderr(`${body.code ?? response.status}: ${body.message ?? 'the server refused the plugin'}\n`);
        return false;
      }
      io.stdout(
        `installed ${manifest.name}@${manifest.version} (${manifest.nodes.map((n) => n.type).join(', ')}) at ${new Date().toISOString()}\n`,
      );
      return true;
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
      return false;
    }
  };

  const first = await installOnce();
  if (values.once === true) return first ? exitCodes.ok : exitCodes.failed;
  io.stdout(`watching ${dir}; Ctrl-C to stop\n`);
  await watchAndReinstall(dir, io.signal, installOnce);
  return exitCodes.ok;
}

/** Re-runs `install` after saves under `dir` (debounced, one at a time) until `signal` aborts. */
async function watchAndReinstall(dir: string, signal: AbortSignal, install: () => Promise<boolean>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(install);
    }, 250);
  };
  await pollForChanges(dir, signal, schedule);
  clearTimeout(timer);
  await running;
}
