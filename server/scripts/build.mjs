// Builds the server, the `causeway` command line, the run threads and the plugin sandbox's entry to
// JavaScript in server/dist with esbuild, so the product runs without tsx. The SDK, the built-in nodes
// and the pure-JavaScript libraries are bundled in; packages that load native code or files beside
// themselves stay external. `ensureBuilt` rebuilds only when a source is newer than the build.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(serverDir, '..');
export const distDir = join(serverDir, 'dist');
const infoFile = join(distDir, 'build-info.json');
const lockDir = join(serverDir, '.dist-build-lock');

/** Loaded by Node from node_modules, never bundled: native addons, files read beside the module, the bundler itself. */
export const externalPackages = [
  'onnxruntime-node',
  '@electric-sql/pglite',
  'esbuild',
  'pg',
  'pg-copy-streams',
  'pg-cursor',
  '@resvg/resvg-js',
];

/** What the build is made from (the lock file stands for the bundled libraries); a change to any of these makes it stale. */
const sourceRoots = [
  'package-lock.json',
  'sdk/src',
  'nodes/src',
  'server/src',
  'sdk/package.json',
  'nodes/package.json',
  'server/package.json',
  'server/scripts/build.mjs',
  'templates',
];

/**
 * Files the server reads at run time, copied beside the build so the published package has them:
 * the built editor (when built) and the graph templates. The editor's build counts as a source, so a
 * newer one is copied again.
 */
const packagedFolders = [
  { from: 'web/dist', to: 'web', optional: true },
  { from: 'templates', to: 'templates', optional: false },
];

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || /\.test\.tsx?$/.test(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

/** The newest modification time of the sources, or undefined where there are none (an installed package). */
function sourcesMtime() {
  try {
    const sources = Math.max(...sourceRoots.map((path) => newestMtime(join(root, path))));
    const copied = packagedFolders.filter(({ from }) => existsSync(join(root, from))).map(({ from }) => newestMtime(join(root, from)));
    return Math.max(sources, ...copied);
  } catch {
    return undefined;
  }
}

/** Copies the run-time files into the build; without a built editor the server shows how to build one. */
function copyPackagedFolders(outdir) {
  for (const { from, to, optional } of packagedFolders) {
    const source = join(root, from);
    if (!existsSync(source) && optional) {
      process.stderr.write(`No ${from} to copy: the built server shows a page saying how to build the editor.\n`);
      continue;
    }
    cpSync(source, join(outdir, to), { recursive: true });
  }
}

function builtFrom() {
  try {
    return JSON.parse(readFileSync(infoFile, 'utf8')).sourcesMtime;
  } catch {
    return undefined;
  }
}

/** True when server/dist is missing or older than a source it was built from. */
export function isStale() {
  const built = builtFrom();
  if (built === undefined) return true;
  const sources = sourcesMtime();
  return sources !== undefined && sources > built;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds a folder as a lock across processes, so concurrent starts build once; a lock left by a killed build expires. */
async function withLock(work) {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {}
      await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * zod re-exports every message locale as `z.locales`, which nothing here reads; English, its default,
 * is imported on its own. Bundled whole, the other locales are 370 kB each process compiles at start.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: "export { default as en } from 'zod/v4/locales/en.js';",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

async function buildInto(outdir) {
  const { build } = await import('esbuild');
  // Bundled CommonJS libraries call require() for Node's own modules; ESM output has none of its own.
  const banner = {
    js: "import { createRequire as __causewayRequire } from 'node:module';\nconst require = __causewayRequire(import.meta.url);",
  };
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    outExtension: { '.js': '.mjs' },
    external: externalPackages.flatMap((name) => [name, `${name}/*`]),
    banner,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [zodEnglishOnly],
  };
  // Commands are imported lazily by the CLI, so `validate` never loads the database, HTTP or ONNX code.
  await build({
    ...common,
    entryPoints: {
      cli: 'server/src/cli/cli-process.ts',
      index: 'server/src/index.ts',
      'run-thread-entry': 'server/src/runs/run-thread-main.ts',
    },
    splitting: true,
    // Flat beside the entries: modules find run-thread-entry.mjs, sandbox-main.mjs and the repository from their own folder.
    chunkNames: '[name]-[hash]',
  });
  // The sandbox reads only its runtime folder: one self-contained file, as build-sandbox-runtime makes it from sources.
  await build({ ...common, entryPoints: { 'sandbox-main': 'server/src/plugins/sandbox/sandbox-main.ts' }, external: [], banner: {} });
}

/** The manifest npm publishes from server/dist: the bin and entry there, and only the external packages as dependencies. */
function publishedManifest() {
  const manifest = JSON.parse(readFileSync(join(serverDir, 'package.json'), 'utf8'));
  const { publishConfig, scripts: _scripts, devDependencies: _dev, dependencies, ...rest } = manifest;
  const { directory: _directory, ...overrides } = publishConfig;
  const external = Object.fromEntries(externalPackages.map((name) => [name, dependencies[name]]));
  return { ...rest, ...overrides, dependencies: external };
}

const binFile = `#!/usr/bin/env node
import { runCliProcess } from './cli.mjs';

try {
  await runCliProcess();
} catch (error) {
  process.stderr.write(\`INTERNAL: \${error instanceof Error ? error.message : String(error)}\\n\`);
  process.exitCode = 70;
}
`;

/** Builds server/dist from the sources now, replacing the previous build whole. */
export async function buildServer() {
  const started = sourcesMtime() ?? Date.now();
  const temp = `${distDir}.${process.pid}.part`;
  const old = `${distDir}.${process.pid}.old`;
  rmSync(temp, { recursive: true, force: true });
  try {
    await buildInto(temp);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  copyPackagedFolders(temp);
  writeFileSync(join(temp, 'causeway.mjs'), binFile, { mode: 0o755 });
  writeFileSync(join(temp, 'package.json'), `${JSON.stringify(publishedManifest(), null, 2)}\n`);
  writeFileSync(join(temp, 'build-info.json'), `${JSON.stringify({ sourcesMtime: started })}\n`);
  try {
    renameSync(distDir, old);
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  renameSync(temp, distDir);
  rmSync(old, { recursive: true, force: true });
}

/** Builds server/dist when it is missing or stale; returns true when it built. */
export async function ensureBuilt({ log = (text) => process.stderr.write(text) } = {}) {
  if (!isStale()) return false;
  return withLock(async () => {
    // Another process may have built it while this one waited for the lock.
    if (!isStale()) return false;
    log('Building the server (server/dist)…\n');
    await buildServer();
    return true;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--if-stale')) await ensureBuilt();
  else await buildServer();
}
