import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** The golden graphs. */
export const graphsDir = fileURLToPath(new URL('../fixtures/graphs/', import.meta.url));
/** The expected outputs. */
export const expectedDir = fileURLToPath(new URL('../fixtures/expected/', import.meta.url));

/** What one run of the real CLI printed and returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let built: Promise<unknown> | undefined;

/**
 * Brings server/dist up to date once per test file, so the CLI's own rebuild (and its "Building…"
 * line on stderr) never happens inside a test that reads stderr.
 */
export function buildOnce(): Promise<unknown> {
  built ??= promisify(execFile)(process.execPath, [`${repoRoot}server/scripts/build.mjs`, '--if-stale'], { cwd: repoRoot });
  return built;
}

/**
 * Spawns `node server/bin/causeway.mjs …` as a user would (it runs the build in server/dist), in
 * `cwd` (default: the repository root); `nodeArgs` go to node before the script.
 */
export async function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<CliRun> {
  await buildOnce();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), `${repoRoot}server/bin/causeway.mjs`, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
