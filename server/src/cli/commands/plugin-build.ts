import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '@causeway/sdk';
import { type BuiltPlugin, buildPlugin } from '../../plugins/build-plugin';

/**
 * Builds the plugin in `dir`: with its own `npm run build` when package.json has a build script
 * (reading `dist/causeway-plugin.json` and `dist/plugin.mjs` after), else with esbuild from
 * `src/index.ts`. Build output goes to `log`.
 */
export async function buildPluginDir(dir: string, log: (text: string) => void): Promise<BuiltPlugin> {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}')) as {
    name?: string;
    version?: string;
    scripts?: Record<string, string>;
  };
  if (typeof pkg.scripts?.build === 'string') {
    await runBuildScript(dir, log);
    const [manifest, bundle] = await Promise.all([
      readFile(join(dir, 'dist', 'causeway-plugin.json'), 'utf8'),
      readFile(join(dir, 'dist', 'plugin.mjs')),
    ]);
    return { manifest: JSON.parse(manifest), bundle: new Uint8Array(bundle) };
  }
  const entry = join(dir, 'src', 'index.ts');
  if (!(await stat(entry).catch(() => undefined))) {
    throw new UserError('FILE_UNKNOWN', `${dir} has neither a "build" script in package.json nor src/index.ts to build.`);
  }
  return buildPlugin({ file: entry }, { name: pkg.name, version: pkg.version });
}

function runBuildScript(dir: string, log: (text: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // The author's own build, on the author's machine: the same command they run by hand.
    const child = spawn('npm', ['run', '--silent', 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new UserError('NODE_FAILED', `npm run build in ${dir} exited with code ${code}.`)),
    );
  });
}
