import { init, parse } from 'es-module-lexer';

/**
 * Rewrites a checked bundle's `@causeway/sdk` and `apache-arrow` specifiers to the host's own
 * copies (e.g. file: URLs of the sandbox runtime), by the lexer's offsets: the code is never run.
 */
export async function rewriteBundleImports(text: string, targets: Readonly<Record<string, string>>): Promise<string> {
  await init;
  const [imports] = parse(text, 'plugin.mjs');
  let out = text;
  // From the end, so earlier offsets stay valid.
  for (const found of [...imports].sort((a, b) => b.s - a.s)) {
    if (found.n === undefined || !Object.hasOwn(targets, found.n)) continue;
    const target = targets[found.n] as string;
    // A static import's offsets exclude its quotes, a dynamic one's include them: replace the quoted string either way.
    const [start, end] = found.t === 2 ? [found.s, found.e] : [found.s - 1, found.e + 1];
    out = out.slice(0, start) + JSON.stringify(target) + out.slice(end);
  }
  return out;
}
