#!/usr/bin/env node
// Runs the built command line (server/dist), never the TypeScript sources: in the repository it first
// rebuilds server/dist when a source is newer than the build.
import { existsSync } from 'node:fs';

try {
  const buildScript = new URL('../scripts/build.mjs', import.meta.url);
  if (existsSync(buildScript)) await (await import(buildScript.href)).ensureBuilt();
  const { runCliProcess } = await import('../dist/cli.mjs');
  await runCliProcess();
} catch (error) {
  process.stderr.write(`INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 70;
}
