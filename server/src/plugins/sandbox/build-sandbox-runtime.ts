import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The sandbox's own code on disk: the process entry and the modules plugin bundles import instead of their bare specifiers. */
export interface SandboxRuntime {
  /** Folder holding only the runtime's files; the sandbox may read it. */
  dir: string;
  /** The sandbox process's entry file. */
  entry: string;
  /** What a plugin bundle's bare specifiers are rewritten to (file: URLs). */
  specifiers: { '@causeway/sdk': string; 'apache-arrow': string };
}

const here = dirname(fileURLToPath(import.meta.url));
const entry = join(here, 'sandbox-main.ts');
/** In the built server (server/dist) the entry is bundled ahead of time, beside this module. */
const prebuilt = join(here, 'sandbox-main.mjs');
const built = new Map<string, Promise<SandboxRuntime>>();

/**
 * Builds the sandbox runtime (SDK, apache-arrow, zod and the sandbox's entry) once into
 * `<cacheDir>/runtime-<hash>/` as ESM files sharing one copy of each library, so a process started
 * with `--allow-fs-read` on that folder alone can load it. Content-addressed, so processes and
 * machines that share the folder never clash and an upgrade gets a fresh folder.
 */
export function buildSandboxRuntime(cacheDir: string): Promise<SandboxRuntime> {
  let runtime = built.get(cacheDir);
  if (runtime === undefined) {
    runtime = buildOnce(cacheDir);
    built.set(cacheDir, runtime);
    runtime.catch(() => built.delete(cacheDir));
  }
  return runtime;
}

async function buildOnce(cacheDir: string): Promise<SandboxRuntime> {
  const files = [
    { name: 'sandbox-main.mjs', contents: await sandboxMain() },
    { name: 'sdk.mjs', contents: reexport('sdk', Object.keys(await import('@causeway/sdk'))) },
    { name: 'arrow.mjs', contents: reexport('arrow', Object.keys(await import('apache-arrow'))) },
  ];
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.name).update(file.contents);
  const dir = join(cacheDir, `runtime-${hash.digest('hex').slice(0, 16)}`);
  const runtime: SandboxRuntime = {
    dir,
    entry: join(dir, 'sandbox-main.mjs'),
    specifiers: { '@causeway/sdk': pathToFileURL(join(dir, 'sdk.mjs')).href, 'apache-arrow': pathToFileURL(join(dir, 'arrow.mjs')).href },
  };
  if (await exists(runtime.entry)) return runtime;
  // Written beside, then renamed into place: another process building the same runtime never sees half of it.
  const temp = `${dir}.${process.pid}.${Date.now()}.part`;
  await mkdir(temp, { recursive: true });
  for (const file of files) await writeFile(join(temp, file.name), file.contents);
  try {
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (!(await exists(runtime.entry))) throw error;
  }
  return runtime;
}

/** The sandbox's entry as one ESM file: the build's, or bundled from the sources now. */
async function sandboxMain(): Promise<Uint8Array> {
  if (await exists(prebuilt)) return new Uint8Array(await readFile(prebuilt));
  const { build } = await import('esbuild');
  // One file, not code splitting: apache-arrow's circular imports break when split into chunks.
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return (result.outputFiles[0] as { contents: Uint8Array }).contents;
}

/** A module that re-exports one of the runtime's namespaces under its own names, as the library itself would. */
function reexport(namespace: string, names: string[]): Uint8Array {
  const valid = names.filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default').sort();
  return new TextEncoder().encode(
    `import { ${namespace} } from './sandbox-main.mjs';\nexport const { ${valid.join(', ')} } = ${namespace};\n`,
  );
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
