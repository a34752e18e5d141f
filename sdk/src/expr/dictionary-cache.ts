/**
 * Per-dictionary memo: answers computed once per dictionary entry (a comparison's lookup table, a
 * string function over the entries) are reused by every block of an evaluation. Keyed weakly by
 * the dictionary array, so they go when the column does.
 */
const caches = new WeakMap<readonly string[], Map<unknown, unknown>>();

/** The cached value for (dictionary, key), computed by `make` on first use. */
export function perDictionary<T>(dict: readonly string[], key: unknown, make: () => T): T {
  let cache = caches.get(dict);
  if (cache === undefined) {
    cache = new Map();
    caches.set(dict, cache);
  }
  if (cache.has(key)) return cache.get(key) as T;
  const value = make();
  cache.set(key, value);
  return value;
}
