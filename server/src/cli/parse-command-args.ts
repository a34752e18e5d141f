import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` in strict mode, with its errors turned into one-line usage errors and the number
 * of positionals checked (`'any'`: as many as given).
 */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O, positionals: string[] | 'any') {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages go on with advice about `--`; the first sentence is the useful part.
    const message = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0];
    throw new UsageError(`causeway ${command}: ${message}`);
  }
  if (positionals !== 'any' && parsed.positionals.length !== positionals.length) {
    const wanted = positionals.length === 0 ? 'no arguments' : positionals.map((p) => `<${p}>`).join(' ');
    throw new UsageError(
      `causeway ${command}: expected ${wanted}, got ${parsed.positionals.length} argument${parsed.positionals.length === 1 ? '' : 's'}.`,
    );
  }
  return parsed;
}
