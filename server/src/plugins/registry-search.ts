import type { PluginRegistryHit } from '@causeway/contract';
import { type HttpClient, UserError } from '@causeway/sdk';

const searchMaxBytes = 4 * 1024 * 1024;
const timeoutMs = 15_000;
const size = 20;
/** The npm keyword a Causeway plugin package carries (create-causeway-plugin sets it). */
export const pluginKeyword = 'causeway-plugin';

const failed = (registry: string, why: string, cause?: unknown) =>
  new UserError('PLUGIN_REGISTRY_FAILED', `The plugin registry ${registry} ${why}`, {
    details: { registry },
    ...(cause === undefined ? {} : { cause }),
  });

/**
 * Asks an npm registry's search (`/-/v1/search?text=…&size=20`) through `http` (the server's
 * SSRF-safe client). Keeps packages tagged `causeway-plugin`; a package the registry lists
 * without keywords is kept too, as not every registry sends them. Any failure of the registry
 * is PLUGIN_REGISTRY_FAILED naming it.
 */
export async function searchRegistry(http: HttpClient, registry: string, text: string, signal: AbortSignal): Promise<PluginRegistryHit[]> {
  const url = new URL('-/v1/search', registry.endsWith('/') ? registry : `${registry}/`);
  url.searchParams.set('text', text);
  url.searchParams.set('size', String(size));
  let bytes: Uint8Array;
  try {
    ({ bytes } = await http.get(url.href, { maxBytes: searchMaxBytes, timeoutMs, signal }));
  } catch (error) {
    throw failed(registry, `could not be searched: ${error instanceof Error ? error.message : String(error)}`, error);
  }
  let objects: unknown;
  try {
    objects = (JSON.parse(new TextDecoder().decode(bytes)) as { objects?: unknown }).objects;
  } catch {
    throw failed(registry, 'answered the search with something that is not JSON.');
  }
  if (!Array.isArray(objects)) throw failed(registry, 'answered the search without an "objects" list.');
  return objects.flatMap((object: { package?: Record<string, unknown> } | null) => {
    const found = object?.package;
    if (typeof found?.name !== 'string' || typeof found.version !== 'string') return [];
    if (Array.isArray(found.keywords) && !found.keywords.includes(pluginKeyword)) return [];
    const description = typeof found.description === 'string' ? found.description : '';
    return [{ name: found.name, version: found.version, description }];
  });
}
