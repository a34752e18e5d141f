import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** How many type errors `plugin dev` prints before "… and N more". */
const shownErrors = 5;

/** The result of type-checking a plugin folder: `ok`, or the first error lines and how many there were. */
export type TypecheckResult = { ok: true } | { ok: false; errors: string[]; total: number };

/**
 * Type-checks the plugin in `dir` with TypeScript, no output written: its own tsconfig.json when it has
 * one, else src/index.ts with strict settings. The plugin's own `typescript` is used when it installed
 * one (the version its author checks with), else the one the CLI ships with.
 */
export async function typecheckPlugin(dir: string): Promise<TypecheckResult> {
  const hasConfig = (await stat(join(dir, 'tsconfig.json')).catch(() => undefined)) !== undefined;
  const args = hasConfig
    ? ['-p', dir, '--noEmit', '--pretty', 'false']
    : [
        ...['--noEmit', '--pretty', 'false', '--strict', '--skipLibCheck', '--target', 'es2022'],
        ...['--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2023,dom', join(dir, 'src', 'index.ts')],
      ];
  const tsc = tscPath(dir);
  if (tsc === undefined)
    return { ok: false, errors: [`TypeScript is not installed for ${dir}: npm install -D typescript there`], total: 1 };
  const output = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    execFile(process.execPath, [tsc, ...args], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (code === -1) reject(error);
      else resolve({ code, text: `${stdout}${stderr}` });
    });
  });
  if (output.code === 0) return { ok: true };
  // One diagnostic per line starting with the file; its continuation lines are indented.
  const errors = output.text.split('\n').filter((line) => /error TS\d+:/.test(line));
  const lines = errors.length > 0 ? errors : [output.text.trim()];
  return { ok: false, errors: lines.slice(0, shownErrors), total: lines.length };
}

function tscPath(dir: string): string | undefined {
  for (const from of [join(dir, 'package.json'), import.meta.url]) {
    try {
      return createRequire(from).resolve('typescript/bin/tsc');
    } catch {}
  }
  return undefined;
}

/** The lines `plugin dev` prints for a failed check. */
export function typecheckReport(dir: string, result: Extract<TypecheckResult, { ok: false }>): string {
  const more = result.total > result.errors.length ? `  … and ${result.total - result.errors.length} more\n` : '';
  return `type errors in ${dir} (${result.total}); not installed (--no-typecheck skips this check):\n${result.errors
    .map((line) => `  ${line}\n`)
    .join('')}${more}`;
}
