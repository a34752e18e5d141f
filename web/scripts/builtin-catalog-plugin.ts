import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';
import type { describeBuiltins } from './describe-builtins';

export const builtinCatalogId = 'virtual:causeway/builtin-catalog';
const resolvedId = `\0${builtinCatalogId}`;
const describer = fileURLToPath(new URL('./describe-builtins.ts', import.meta.url));

/** The built-in nodes' descriptors, made in Node from the node code itself each time the module is built. */
export async function builtinCatalogModule(): Promise<string> {
  const { module } = await runnerImport<{ describeBuiltins: typeof describeBuiltins }>(describer, {
    configFile: false,
    logLevel: 'silent',
  });
  // A JSON string parsed once loads faster than the same data as an object literal.
  return `export default JSON.parse(${JSON.stringify(JSON.stringify(module.describeBuiltins()))});\n`;
}

/**
 * Lets the page draw the built-in node types before the runner worker (which imports all node code)
 * has started: the page imports `virtual:causeway/builtin-catalog`, the descriptors as JSON.
 */
export function builtinCatalog(): Plugin {
  return {
    name: 'causeway-builtin-catalog',
    resolveId: (source) => (source === builtinCatalogId ? resolvedId : undefined),
    load: (id) => (id === resolvedId ? builtinCatalogModule() : undefined),
  };
}
