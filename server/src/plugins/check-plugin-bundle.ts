import { createHash } from 'node:crypto';
import type { Issue } from '@causeway/sdk';
import { init, parse } from 'es-module-lexer';
import { allowedPluginImports, pluginLimits } from './plugin-limits';

const issue = (message: string): Issue => ({ code: 'PLUGIN_BUNDLE_INVALID', path: ['bundle'], message: `bundle: ${message}` });

/**
 * Checks a plugin bundle without running it: size, the manifest's sha256, UTF-8 text, an ES
 * module with a default export, and imports only of `@causeway/sdk` and `apache-arrow` (static,
 * or dynamic with exactly those literal specifiers). Returns its issues; none means accepted.
 */
export async function checkPluginBundle(bundle: Uint8Array, sha256: string): Promise<Issue[]> {
  if (bundle.byteLength > pluginLimits.bundleBytes)
    return [issue(`is ${bundle.byteLength} bytes; the limit is ${pluginLimits.bundleBytes}`)];
  const actual = createHash('sha256').update(bundle).digest('hex');
  if (actual !== sha256) return [issue(`sha256 is ${actual}, but the manifest says ${sha256}`)];
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bundle);
  } catch {
    return [issue('is not UTF-8 text')];
  }
  await init;
  let imports: ReturnType<typeof parse>[0];
  let exports: ReturnType<typeof parse>[1];
  try {
    [imports, exports] = parse(text, 'plugin.mjs');
  } catch (error) {
    return [issue(`is not a valid ES module (${error instanceof Error ? error.message.slice(0, 200) : 'parse error'})`)];
  }
  const issues: Issue[] = [];
  for (const found of imports) {
    const line = text.slice(0, found.ss).split('\n').length;
    if (found.t === 3) continue; // import.meta
    if (found.n === undefined)
      issues.push(issue(`line ${line} imports a computed specifier; only "${allowedPluginImports.join('" and "')}" may be imported`));
    else if (found.t !== 1 && found.t !== 2)
      issues.push(issue(`line ${line} uses an import phase (source/defer) that plugins may not use`));
    else if (!allowedPluginImports.includes(found.n)) {
      issues.push(issue(`line ${line} imports "${found.n}"; only "${allowedPluginImports.join('" and "')}" may be imported`));
    }
    if (issues.length >= 20) break;
  }
  if (!exports.some((e) => e.n === 'default')) issues.push(issue('has no default export (the definePlugin(...) value)'));
  return issues;
}
