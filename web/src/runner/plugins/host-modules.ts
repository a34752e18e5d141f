/**
 * The modules a plugin bundle's bare imports are pointed at, by specifier: each is its own chunk of
 * the worker (a dynamic import), which says its own URL. Importing that URL from a plugin gives the
 * very module instance the worker uses, so plugin and host share one SDK and one Arrow.
 */
export async function hostModuleUrls(): Promise<Record<string, string>> {
  const modules: Array<[string, Record<string, unknown>]> = [
    ['@causeway/sdk', await import('./host-sdk')],
    ['apache-arrow', await import('./host-arrow')],
  ];
  // Reading every export keeps the bundler from dropping exports only plugins use.
  return Object.fromEntries(modules.map(([name, module]) => [name, urlOf(name, Object.keys(module).length, module.hostModuleUrl)]));
}

function urlOf(name: string, exports: number, url: unknown): string {
  if (typeof url !== 'string' || exports < 2) throw new Error(`The worker's copy of ${name} was built without its exports.`);
  return url;
}
