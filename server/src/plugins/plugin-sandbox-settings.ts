import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';
import type { SandboxLimits } from './sandbox/sandbox-process';

/** The environment variables that limit plugin sandboxes. */
export const pluginSandboxSettingsSchema = z.object({
  CAUSEWAY_PLUGIN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(86_400_000)
    .default(60_000)
    .meta({ unit: 'ms' })
    .describe('Time limit of one plugin node.'),
  CAUSEWAY_PLUGIN_HEAP_MB: z.coerce.number().int().min(16).max(65_536).default(512).meta({ unit: 'MB' }).describe("A sandbox's V8 heap."),
  CAUSEWAY_PLUGIN_MEMORY_MB: z.coerce
    .number()
    .int()
    .min(32)
    .max(131_072)
    .optional()
    .meta({ unit: 'MB', defaultText: 'twice the heap + 256' })
    .describe("A sandbox's resident memory (array buffers and code besides the heap)."),
  CAUSEWAY_PLUGIN_NETWORK: z
    .enum(['none', 'host'])
    .default('none')
    .describe("`none`: an empty network namespace; `host`: the host's network."),
});

/**
 * Limits of the processes that run plugin code, from the environment: a plugin node's time limit
 * (default 60 s), the sandbox's V8 heap (default 512 MB) and its resident memory (default twice
 * the heap plus 256 MB, for array buffers and code), and its network: `none` (an empty network
 * namespace, the default) or `host`.
 */
export function pluginSandboxSettings(env: Readonly<Record<string, string | undefined>>): SandboxLimits {
  const s = parseEnvSettings(pluginSandboxSettingsSchema, env, 'plugin sandbox settings');
  return {
    timeoutMs: s.CAUSEWAY_PLUGIN_TIMEOUT_MS,
    heapMb: s.CAUSEWAY_PLUGIN_HEAP_MB,
    rssMb: s.CAUSEWAY_PLUGIN_MEMORY_MB ?? s.CAUSEWAY_PLUGIN_HEAP_MB * 2 + 256,
    network: s.CAUSEWAY_PLUGIN_NETWORK,
  };
}
