#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx causeway` works in the repository without a build.
import { register } from 'tsx/esm/api';

const controller = new AbortController();
let interrupted = false;
const onInterrupt = () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  process.stderr.write('cancelling… (press Ctrl-C again to quit at once)\n');
  controller.abort();
};
process.on('SIGINT', onInterrupt);

try {
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(
    process.argv.slice(2),
    {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
      signal: controller.signal,
    },
    process.cwd(),
  );
} catch (error) {
  process.stderr.write(`INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 70;
} finally {
  process.off('SIGINT', onInterrupt);
}
