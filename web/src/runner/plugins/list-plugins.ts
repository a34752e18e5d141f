import * as z from 'zod/mini';
import type { ServerFetch } from '../server-reader';

// zod/mini: the list is read by the worker's first chunk, which stays small (see worker.ts).
const listedPlugin = z.looseObject({
  name: z.string().check(z.minLength(1), z.maxLength(214)),
  version: z.string().check(z.minLength(1), z.maxLength(256)),
  enabled: z.optional(z.boolean()),
});
const pluginList = z.looseObject({ items: z.array(listedPlugin) });

/** The enabled plugins the server lists (every version that is enabled, side by side). */
export async function listEnabledPlugins(source: ServerFetch): Promise<Array<{ name: string; version: string }>> {
  const response = await source('/api/plugins');
  if (!response.ok) throw new Error(`GET /api/plugins answered ${response.status} ${response.statusText}.`);
  const parsed = pluginList.safeParse(await response.json());
  if (!parsed.success) throw new Error('The server’s plugin list is not in the expected shape.');
  return parsed.data.items.filter((p) => p.enabled !== false).map(({ name, version }) => ({ name, version }));
}
