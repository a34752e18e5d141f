import { z } from 'zod';
import { parseEnvSettings } from './parse-env-settings';

const entries = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

/**
 * Bounds of what one server process keeps in memory between requests. Each cache evicts on its own
 * (see docs/server.md, "Memory bounds"); these say how far it may grow.
 */
export const memorySettingsSchema = z.object({
  CAUSEWAY_TOKEN_CACHE_ENTRIES: entries(10_000, 1_000_000).describe(
    'API tokens looked up lately, kept 2 s each so a busy client costs no query per request; at the bound the cache starts over.',
  ),
  CAUSEWAY_ENDPOINT_STATE_CACHE_ENTRIES: entries(10_000, 1_000_000).describe(
    'Endpoint states (and misses) the predict path keeps; at the bound the cache starts over.',
  ),
  CAUSEWAY_SERVED_MODELS: entries(16, 1_000).describe(
    'Model versions kept open for endpoints (one onnxruntime session each); the least recently used beyond this is closed.',
  ),
});

/** The memory bounds as the process uses them. */
export interface MemoryBounds {
  tokenCacheEntries: number;
  endpointStateEntries: number;
  servedModels: number;
}

/** From the environment (defaults for anything unset); a bad value is `SETTING_INVALID`. */
export function memoryBounds(env: Readonly<Record<string, string | undefined>>): MemoryBounds {
  const s = parseEnvSettings(memorySettingsSchema, env, 'memory settings');
  return {
    tokenCacheEntries: s.CAUSEWAY_TOKEN_CACHE_ENTRIES,
    endpointStateEntries: s.CAUSEWAY_ENDPOINT_STATE_CACHE_ENTRIES,
    servedModels: s.CAUSEWAY_SERVED_MODELS,
  };
}
