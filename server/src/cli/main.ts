import { CausewayError, isUserFacing } from '@causeway/sdk';
import { type CliIo, exitCodes } from './cli-io';
import { pluginCommand } from './commands/plugin-dev';
import { workerCommand } from './commands/worker';
import { helpText } from './help-text';
import { nodesCommand } from './nodes-command';
import { runCommand } from './run-command';
import { serveCommand } from './serve-command';
import { UsageError } from './usage-error';
import { validateCommand } from './validate-command';

/**
 * The `causeway` command line: dispatches to one command and returns the exit code. Never
 * throws: a user error prints one line, a bug prints `INTERNAL: …` and returns 70.
 */
export async function main(argv: readonly string[], io: CliIo, cwd: string): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case '--help':
      case '-h':
      case 'help':
        io.stdout(helpText);
        return exitCodes.ok;
      case undefined:
        io.stderr(helpText);
        return exitCodes.usage;
      case 'run':
        return await runCommand(args, io, cwd);
      case 'validate':
        return await validateCommand(args, io, cwd);
      case 'nodes':
        return await nodesCommand(args, io, cwd);
      case 'worker':
        return await workerCommand(args, io);
      case 'plugin':
        return await pluginCommand(args, io, cwd);
      case 'serve':
        return await serveCommand(args, io);
      default:
        throw new UsageError(
          command.startsWith('-')
            ? `causeway: unknown option "${command}"; see causeway --help.`
            : `causeway: unknown command "${command}"; see causeway --help.`,
        );
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n`);
      return exitCodes.usage;
    }
    if (error instanceof CausewayError && isUserFacing(error.code)) {
      io.stderr(`${error.code}: ${error.message}\n`);
      return exitCodes.failed;
    }
    io.stderr(`INTERNAL: ${error instanceof Error ? error.message : String(error)}\n`);
    if (io.env.CAUSEWAY_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return exitCodes.internal;
  }
}
