import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';
import type { SandboxLimits } from './sandbox/sandbox-process';

const schema = z.object({
  CAUSEWAY_PLUGIN_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  CAUSEWAY_PLUGIN_HEAP_MB: z.coerce.number().int().min(16).max(65_536).default(512),
  CAUSEWAY_PLUGIN_MEMORY_MB: z.coerce.number().int().min(32).max(131_072).optional(),
  CAUSEWAY_PLUGIN_NETWORK: z.enum(['none', 'host']).default('none'),
});

/**
 * Limits of the processes that run plugin code, from the environment: a plugin node's time limit
 * (default 60 s), the sandbox's V8 heap (default 512 MB) and its resident memory (default twice
 * the heap plus 256 MB, for array buffers and code), and its network: `none` (an empty network
 * namespace, the default) or `host`.
 */
export function pluginSandboxSettings(env: Readonly<Record<string, string | undefined>>): SandboxLimits {
  const s = parseEnvSettings(schema, env, 'plugin sandbox settings');
  return {
    timeoutMs: s.CAUSEWAY_PLUGIN_TIMEOUT_MS,
    heapMb: s.CAUSEWAY_PLUGIN_HEAP_MB,
    rssMb: s.CAUSEWAY_PLUGIN_MEMORY_MB ?? s.CAUSEWAY_PLUGIN_HEAP_MB * 2 + 256,
    network: s.CAUSEWAY_PLUGIN_NETWORK,
  };
}
