import { UserError } from '@causeway/sdk';
// The asm.js build: no WebAssembly to boot and no eval, so it runs under a strict content security policy.
import { parse } from 'es-module-lexer/js';

/**
 * Points a plugin bundle's bare imports at the host's own copies (`@causeway/sdk` → a URL of the
 * worker's SDK module). The bundle is only read by a lexer, never run, here. Any other import (a
 * relative file, another package, a computed `import()`) is refused: a bundle is one file whose only
 * dependencies are the ones the host lends it.
 */
export function rewriteImports(source: string, targets: Readonly<Record<string, string>>, plugin: string): string {
  let imports: ReturnType<typeof parse>[0];
  try {
    [imports] = parse(source);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new UserError('PLUGIN_BUNDLE_INVALID', `The bundle of plugin ${plugin} is not a JavaScript module: ${reason}`, { cause });
  }
  let out = '';
  let at = 0;
  for (const entry of imports) {
    if (entry.d === -2) continue; // import.meta
    const name = entry.n;
    if (name === undefined || !Object.hasOwn(targets, name)) {
      const what = name === undefined ? `a computed import() at offset ${entry.ss}` : `"${name}"`;
      const allowed = Object.keys(targets).join(' and ');
      throw new UserError(
        'PLUGIN_BUNDLE_INVALID',
        `The bundle of plugin ${plugin} imports ${what}; a plugin bundle may import only ${allowed}.`,
        {
          details: { plugin, specifier: name ?? null },
        },
      );
    }
    const url = targets[name] as string;
    // Static imports: s..e is the bare text inside the quotes. Dynamic ones: s..e includes the quotes.
    const dynamic = entry.d > -1;
    out += source.slice(at, entry.s) + (dynamic ? JSON.stringify(url) : escapeIn(source[entry.s - 1] ?? '"', url));
    at = entry.e;
  }
  return out + source.slice(at);
}

/** A URL written inside the quote character the bundle used. */
function escapeIn(quote: string, url: string): string {
  return url.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
}
