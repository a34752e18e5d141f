import { CausewayError, isUserFacing } from '@causeway/sdk';
import { type CliIo, exitCodes } from './cli-io';
import { helpText } from './help-text';
import { UsageError } from './usage-error';

/**
 * The `causeway` command line (each command is imported when it runs, so a quick command loads
 * none of the server): dispatches to one command and returns the exit code. Never
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
        return await (await import('./run-command')).runCommand(args, io, cwd);
      case 'validate':
        return await (await import('./validate-command')).validateCommand(args, io, cwd);
      case 'test':
        return await (await import('./commands/test-command')).testCommand(args, io, cwd);
      case 'lint':
        return await (await import('./commands/lint-command')).lintCommand(args, io, cwd);
      case 'nodes':
        return await (await import('./nodes-command')).nodesCommand(args, io, cwd);
      case 'worker':
        return await (await import('./commands/worker')).workerCommand(args, io);
      case 'plugin':
        return await (await import('./commands/plugin-dev')).pluginCommand(args, io, cwd);
      case 'serve':
        return await (await import('./serve-command')).serveCommand(args, io);
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
