import { resolve } from 'node:path';
import { type ExportStore, formatIssue, runGraph, UserError } from '@causeway/sdk';
import { folderExports } from '../exports/folder-exports';
import { hostServices } from '../host-services';
import { planPushdown } from '../pushdown/plan-pushdown';
import { pushdownSettings } from '../pushdown/pushdown-settings';
import { inputLimits } from '../runs/run-settings';
import { type CliIo, exitCodes } from './cli-io';
import { envSecrets } from './env-secrets';
import { folderFiles } from './folder-files';
import { helpText } from './help-text';
import { loadGraph } from './load-graph';
import { parseCommandArgs } from './parse-command-args';
import { prepareCliRun } from './prepare-cli-run';
import { progressPrinter } from './progress-printer';
import { UsageError } from './usage-error';
import { writeOutputs } from './write-outputs';

// Without --out, files that nodes write have nowhere to go.
const noOutFolder: ExportStore = {
  write: (name) =>
    Promise.reject(new UserError('EXPORTS_MISSING', `Writing "${name}" needs a folder: run again with --out DIR; the file goes under it.`)),
};

function concurrencyOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= 256))
    throw new UsageError(`causeway run: --concurrency must be a whole number from 1 to 256, not "${text}".`);
  return value;
}

/** `causeway run <graph.json> [--out DIR] [--png] [--concurrency N] [--plugin PATH]…`. */
export async function runCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  const options = {
    out: { type: 'string' },
    png: { type: 'boolean' },
    concurrency: { type: 'string' },
    plugin: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h' },
  } as const;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const { values, positionals } = parseCommandArgs('run', args, options, ['graph.json']);
  const concurrency = concurrencyOf(values.concurrency);
  if (values.png && values.out === undefined)
    throw new UsageError('causeway run: --png writes chart images into --out DIR; give --out too.');
  const [file = ''] = positionals;
  const loaded = await loadGraph(file, cwd);
  if (!loaded.ok) {
    for (const issue of loaded.issues) io.stderr(`${formatIssue(issue)}\n`);
    return exitCodes.failed;
  }
  const { graph, folder } = loaded.value;
  const setup = await prepareCliRun(graph, values.plugin ?? [], cwd, io);
  if (!setup.ok) {
    for (const issue of setup.issues) io.stderr(`${formatIssue(issue)}\n`);
    return exitCodes.failed;
  }
  const { registry, graph: migrated } = setup.value;
  const services = hostServices(io.env);
  const out = values.out === undefined ? undefined : resolve(cwd, values.out);
  const pushed = planPushdown(migrated, registry, services.sql, pushdownSettings(io.env));
  const result = await runGraph(pushed.graph, {
    registry: pushed.registry,
    signal: io.signal,
    onEvent: pushed.events(progressPrinter((line) => io.stderr(`${line}\n`))),
    files: folderFiles(folder),
    secrets: envSecrets(io.env),
    limits: inputLimits(io.env),
    exports: out === undefined ? noOutFolder : folderExports(out),
    ...services,
    ...(concurrency === undefined ? {} : { concurrency }),
  }).finally(() => setup.value.close());
  for (const issue of result.issues) io.stderr(`${formatIssue(issue)}\n`);
  if (out !== undefined && (result.status === 'succeeded' || result.status === 'failed')) {
    const written = await writeOutputs(out, migrated, registry, result.outputs, { png: values.png === true });
    io.stderr(`wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${out}\n`);
  }
  if (result.status === 'succeeded') return exitCodes.ok;
  if (result.status === 'cancelled') return exitCodes.cancelled;
  return exitCodes.failed;
}
