import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createBuiltinRegistry } from '@causeway/nodes';
import {
  createLimit,
  formatIssue,
  jsonPathLine,
  type LintCode,
  type LintFinding,
  type LintSeverity,
  lintGraph,
  lintRules,
  lintSeverities,
  type NodeRegistry,
  parseGraph,
  parseJsonSafely,
} from '@causeway/sdk';
import { type CliIo, exitCodes } from '../cli-io';
import { cliSettings } from '../cli-settings';
import { helpText } from '../help-text';
import { parseCommandArgs } from '../parse-command-args';
import { UsageError } from '../usage-error';

const options = {
  config: { type: 'string' },
  rule: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  plugin: { type: 'string', multiple: true },
} as const;

/** The config file read when no --config is given, if it exists in the working folder. */
const defaultConfig = 'causeway-lint.json';

/** Files read at once: enough to keep the disk busy while graphs are linted, few enough for a folder of thousands. */
const readsAtOnce = 16;

/**
 * `causeway lint [graphs or folders…] [--config FILE] [--rule CODE=off|warn|error]… [--json] [--plugin PATH]…`:
 * one line per finding, `file:line: severity CODE name: message`. Exit 1 when a finding is an error,
 * 2 on a bad command line, config or unreadable graph.
 */
export async function lintCommand(args: string[], io: CliIo, cwd: string): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(helpText);
    return exitCodes.ok;
  }
  const { values, positionals } = parseCommandArgs('lint', args, options, 'any');
  const severities = await severitiesOf(values.config, values.rule ?? [], cwd);
  const files = await graphFiles(positionals, cwd);
  const builtins = createBuiltinRegistry();
  const pluginPaths = values.plugin ?? [];
  const pluginsDir = cliSettings(io.env).CAUSEWAY_PLUGINS_DIR;
  // Plugin loading brings tarball and version-range code; graphs that need no plugin never load it.
  const pluginCode = () => import('../cli-plugins');
  const plugins =
    pluginPaths.length > 0 || pluginsDir !== undefined
      ? await (await pluginCode()).loadCliPlugins(pluginPaths, cwd, pluginsDir)
      : { plugins: [], issues: [] };
  for (const issue of plugins.issues) io.stderr(`${formatIssue(issue)}\n`);
  const results: { file: string; findings: (LintFinding & { line: number; name: string })[] }[] = [];
  let unreadable = false;
  // Reads run ahead, bounded; graphs are linted one at a time in file order, so the output keeps its order.
  const limit = createLimit(readsAtOnce);
  const texts = files.map((path) => limit(() => readFile(path, 'utf8').catch((error: Error) => error)));
  for (const [index, path] of files.entries()) {
    const file = relative(cwd, path) || path;
    const text = await (texts[index] as Promise<string | Error>);
    const parsed = typeof text === 'string' ? parseGraph(text) : undefined;
    if (typeof text !== 'string' || !parsed?.ok) {
      unreadable = true;
      const why = typeof text === 'string' ? (parsed && !parsed.ok ? parsed.issues.map(formatIssue).join('; ') : '') : text.message;
      io.stderr(`${file}: cannot be linted: ${why}\n`);
      continue;
    }
    let registry: NodeRegistry = builtins;
    if (plugins.plugins.length > 0 || parsed.value.requires)
      registry = (await pluginCode()).registryForCli(parsed.value, builtins, plugins.plugins).registry;
    const findings = lintGraph(parsed.value, registry, severities).map((finding) => ({
      ...finding,
      line: jsonPathLine(text, finding.path),
      name: lintRules[finding.code].name,
    }));
    results.push({ file, findings });
  }
  const all = results.flatMap((r) => r.findings.map((f) => ({ file: r.file, ...f })));
  if (values.json) io.stdout(`${JSON.stringify({ files: results }, null, 2)}\n`);
  else {
    for (const f of all) io.stdout(`${f.file}:${f.line}: ${f.severity} ${f.code} ${f.name}: ${f.message}\n`);
    const errors = all.filter((f) => f.severity === 'error').length;
    io.stderr(
      `${files.length} graph${files.length === 1 ? '' : 's'}: ${errors} error${errors === 1 ? '' : 's'}, ${all.length - errors} warning${all.length - errors === 1 ? '' : 's'}\n`,
    );
  }
  if (io.env.GITHUB_ACTIONS === 'true')
    for (const f of all)
      io.stdout(
        `::${f.severity === 'error' ? 'error' : 'warning'} file=${f.file},line=${f.line},title=${f.code} ${f.name}::${f.message.replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}\n`,
      );
  if (unreadable) return exitCodes.usage;
  return all.some((f) => f.severity === 'error') ? exitCodes.failed : exitCodes.ok;
}

async function severitiesOf(config: string | undefined, rules: readonly string[], cwd: string): Promise<Record<LintCode, LintSeverity>> {
  const chosen: Record<string, LintSeverity> = {};
  const path = resolve(cwd, config ?? defaultConfig);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined && config !== undefined) throw new UsageError(`causeway lint: cannot read the config "${config}".`);
  if (text !== undefined) {
    const parsed = parseJsonSafely(text);
    const rulesOf =
      parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as { rules?: unknown }).rules : undefined;
    if (!parsed.ok || rulesOf === null || typeof rulesOf !== 'object' || Array.isArray(rulesOf))
      throw new UsageError(
        `causeway lint: ${relative(cwd, path)} must be JSON like { "rules": { "GL002": "off" } }${parsed.ok ? '' : `: ${parsed.issues[0]?.message}`}.`,
      );
    Object.assign(chosen, rulesOf);
  }
  for (const rule of rules) {
    const match = /^([\w-]+)=(off|warn|error)$/.exec(rule);
    if (!match) throw new UsageError(`causeway lint: --rule wants CODE=off|warn|error, not "${rule}".`);
    chosen[match[1] as string] = match[2] as LintSeverity;
  }
  const severities = lintSeverities(chosen);
  if (!severities.ok) throw new UsageError(`causeway lint: ${severities.message}.`);
  return severities.value;
}

/** The graphs to lint: the files given, and every *.json (tests files aside) under the folders given. */
async function graphFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const out = new Set<string>();
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.json') && !entry.name.endsWith('.tests.json') && entry.name !== defaultConfig) out.add(path);
    }
  };
  for (const given of paths.length === 0 ? ['.'] : paths) {
    const path = resolve(cwd, given);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`causeway lint: "${given}" does not exist.`);
    if (info.isDirectory()) await walk(path);
    else out.add(path);
  }
  return [...out].sort();
}
