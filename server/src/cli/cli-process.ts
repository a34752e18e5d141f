import { main } from './main';

/**
 * Runs `causeway` for this process: its arguments, standard streams, environment and Ctrl-C (the
 * first press cancels the command, a second quits at once); sets the exit code.
 */
export async function runCliProcess(): Promise<void> {
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
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
