import { serve } from '../serve';
import { type CliIo, exitCodes } from './cli-io';
import { helpText } from './help-text';
import { parseCommandArgs } from './parse-command-args';

/** `causeway serve`: starts the API and the editor and keeps running; SIGTERM or Ctrl-C shuts it down cleanly. */
export async function serveCommand(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const { values } = parseCommandArgs(
    'serve',
    args,
    { host: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' }, 'database-url': { type: 'string' } },
    [],
  );
  await serve({
    env: io.env,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values.port === undefined ? {} : { port: values.port }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
    ...(values['database-url'] === undefined ? {} : { databaseUrl: values['database-url'] }),
  });
  // The listening socket keeps the process alive; serve's signal handlers end it.
  return new Promise<number>(() => {});
}
