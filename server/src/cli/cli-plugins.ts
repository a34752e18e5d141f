import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  apiVersion,
  CausewayError,
  checkPluginManifest,
  type ErrorCode,
  type Graph,
  type Issue,
  type NodeRegistry,
  type PluginManifest,
  parseJsonSafely,
} from '@causeway/sdk';
import { checkPluginUpload } from '../plugins/check-plugin-upload';
import { pluginLimits } from '../plugins/plugin-limits';
import { registryWithPlugins } from '../plugins/plugin-node-registry';
import { type AvailablePlugin, resolveRequires } from '../plugins/resolve-plugins';
import { unpackPluginTarball } from '../plugins/unpack-plugin-tarball';

/** A plugin version the CLI loaded: its manifest and, unless only a manifest was given, its checked bundle. */
export interface CliPlugin extends AvailablePlugin {
  bundle?: Uint8Array;
  /** Where it was loaded from, for messages. */
  from: string;
}

class LoadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const isFile = (path: string) =>
  stat(path).then(
    (info) => info.isFile(),
    () => false,
  );

async function readLimited(path: string, limit: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.size > limit) throw new LoadError('PAYLOAD_TOO_LARGE', `${basename(path)} is ${info.size} bytes; the limit is ${limit}`);
  return new Uint8Array(await readFile(path));
}

/** The manifest of a built plugin: the file itself, the one beside a bundle, or `causeway-plugin.json` in the folder or its `dist/`. */
async function manifestPath(path: string): Promise<string> {
  if ((await stat(path)).isFile()) return path.endsWith('.mjs') ? join(dirname(path), 'causeway-plugin.json') : path;
  for (const candidate of [join(path, 'causeway-plugin.json'), join(path, 'dist', 'causeway-plugin.json')]) {
    if (await isFile(candidate)) return candidate;
  }
  throw new LoadError('PLUGIN_MANIFEST_INVALID', 'no causeway-plugin.json in it or in its dist/ folder');
}

/** A manifest without its bundle (enough to validate a graph, not to run it): checked as an install checks one. */
function manifestOnly(bytes: Uint8Array): PluginManifest {
  const parsed = parseJsonSafely(new TextDecoder().decode(bytes));
  const checked = parsed.ok ? checkPluginManifest(parsed.value) : parsed;
  if (!checked.ok) throw new LoadError('PLUGIN_MANIFEST_INVALID', checked.issues.map((issue) => issue.message).join('; '));
  if (checked.value.apiVersion !== apiVersion) {
    const { name, version } = checked.value;
    throw new LoadError(
      'PLUGIN_API_UNSUPPORTED',
      `plugin ${name}@${version} was built for plugin API version ${checked.value.apiVersion}; this CLI speaks version ${apiVersion}`,
    );
  }
  return checked.value;
}

/** One `--plugin` path: a built folder, its `causeway-plugin.json`, its `plugin.mjs`, or an npm tarball. */
async function loadOne(path: string, from: string): Promise<CliPlugin> {
  if (/\.(tgz|tar\.gz)$/.test(path)) {
    const files = await unpackPluginTarball(await readLimited(path, pluginLimits.uploadBytes));
    const manifest = await checkPluginUpload(files);
    return { name: manifest.name, version: manifest.version, sha256: manifest.bundleSha256, manifest, bundle: files.bundle, from };
  }
  const manifestFile = await manifestPath(path);
  const manifestBytes = await readLimited(manifestFile, pluginLimits.manifestBytes);
  const bundleFile = join(dirname(manifestFile), 'plugin.mjs');
  if (!(await isFile(bundleFile))) {
    const manifest = manifestOnly(manifestBytes);
    return { name: manifest.name, version: manifest.version, sha256: manifest.bundleSha256, manifest, from };
  }
  const bundle = await readLimited(bundleFile, pluginLimits.bundleBytes);
  const manifest = await checkPluginUpload({ manifest: manifestBytes, bundle });
  return { name: manifest.name, version: manifest.version, sha256: manifest.bundleSha256, manifest, bundle, from };
}

/** The entries of `CAUSEWAY_PLUGINS_DIR` that hold a plugin: folders and npm tarballs, in name order. */
async function pluginsDirEntries(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new LoadError('FILE_UNKNOWN', error.code === 'ENOENT' ? 'no such folder' : error.message);
  });
  return entries
    .filter((entry) => !entry.name.startsWith('.') && (entry.isDirectory() || /\.(tgz|tar\.gz)$/.test(entry.name)))
    .map((entry) => join(dir, entry.name))
    .sort();
}

/**
 * Loads the plugins given with `--plugin` (a built plugin's folder, its `causeway-plugin.json`,
 * its `plugin.mjs` beside that manifest, or its npm tarball) and every plugin in
 * `CAUSEWAY_PLUGINS_DIR`, with the checks a server makes at install (no plugin code runs here).
 * A path that cannot be loaded is an issue naming it, never a throw.
 */
export async function loadCliPlugins(
  paths: readonly string[],
  cwd: string,
  pluginsDir?: string,
): Promise<{ plugins: CliPlugin[]; issues: Issue[] }> {
  const plugins: CliPlugin[] = [];
  const issues: Issue[] = [];
  const sources = paths.map((given) => ({ path: resolve(cwd, given), from: `--plugin ${given}` }));
  if (pluginsDir !== undefined) {
    try {
      for (const path of await pluginsDirEntries(resolve(cwd, pluginsDir)))
        sources.push({ path, from: `CAUSEWAY_PLUGINS_DIR ${join(pluginsDir, basename(path))}` });
    } catch (error) {
      issues.push(failure(`CAUSEWAY_PLUGINS_DIR ${pluginsDir}`, error));
    }
  }
  for (const source of sources) {
    try {
      plugins.push(await loadOne(source.path, source.from));
    } catch (error) {
      issues.push(failure(source.from, error));
    }
  }
  return { plugins, issues };
}

function failure(from: string, error: unknown): Issue {
  const known = error instanceof LoadError || error instanceof CausewayError;
  const code: ErrorCode = known ? (error as LoadError).code : 'PLUGIN_MANIFEST_INVALID';
  const reason =
    (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : error instanceof Error ? error.message : String(error);
  return { code, path: [], message: `${from}: ${reason.replace(/\.$/, '')}.` };
}

/**
 * The registry a graph is checked against by the CLI: the built-ins plus the node types of the
 * loaded plugins its `requires` picks, by the same rule as the server (`resolveRequires`); what it
 * needs and was not loaded is `PLUGIN_MISSING` naming the plugin and range.
 */
export function registryForCli(
  graph: Graph,
  builtins: NodeRegistry,
  plugins: readonly CliPlugin[],
): { registry: NodeRegistry; issues: Issue[]; chosen: CliPlugin[] } {
  const source = {
    host: 'the CLI',
    none: 'none was loaded: give it with --plugin or put it in CAUSEWAY_PLUGINS_DIR',
    listed: 'loaded',
  };
  const resolution = resolveRequires(plugins, graph, (type) => builtins.has(type), source);
  const chosen = resolution.plugins.map(
    (picked) => plugins.find((plugin) => plugin.name === picked.name && plugin.version === picked.version) as CliPlugin,
  );
  return { registry: registryWithPlugins(builtins, resolution.plugins), issues: resolution.issues, chosen };
}
