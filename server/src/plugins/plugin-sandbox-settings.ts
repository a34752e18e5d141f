import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';
import type { IsolationChoice } from './sandbox/sandbox-isolation';
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
  CAUSEWAY_PLUGIN_ISOLATION: z
    .enum(['auto', 'namespace', 'user', 'none'])
    .default('auto')
    .describe(
      "How sandboxes are kept from the server's processes. `namespace`: their own PID namespace; `user`: run as CAUSEWAY_PLUGIN_USER (the server must run as root); `none`: only a session of its own; `auto`: a namespace where the host allows one, else the user. What is in force is logged when the first sandbox is needed, with a warning when weaker than asked.",
    ),
  CAUSEWAY_PLUGIN_USER: z
    .string()
    .regex(/^([a-z_][a-z0-9_-]*|\d+:\d+)$/i, 'a user name or uid:gid')
    .default('nobody')
    .describe(
      'The unprivileged user (name or `uid:gid`) sandboxes run as when no PID namespace can be made; it must be able to read `<dataDir>/plugins`.',
    ),
  CAUSEWAY_PLUGIN_CRASH_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(3)
    .describe(
      'Sandbox crashes (exits, kills) of one plugin version, counted by this server process, before that version is disabled (with an audit entry).',
    ),
});

/** Plugin sandbox settings: the limits a run thread applies, and what the main side decides (isolation, crash limit). */
export interface PluginSandboxSettings {
  limits: SandboxLimits;
  isolation: IsolationChoice;
  user: string;
  crashLimit: number;
}

/**
 * Limits of the processes that run plugin code, from the environment: a plugin node's time limit
 * (default 60 s), the sandbox's V8 heap (default 512 MB) and its resident memory (default twice
 * the heap plus 256 MB, for array buffers and code), and its network: `none` (an empty network
 * namespace, the default) or `host`; how sandboxes are isolated from the server and after how many
 * crashes a plugin version is disabled.
 */
export function pluginSandboxSettings(env: Readonly<Record<string, string | undefined>>): PluginSandboxSettings {
  const s = parseEnvSettings(pluginSandboxSettingsSchema, env, 'plugin sandbox settings');
  return {
    limits: {
      timeoutMs: s.CAUSEWAY_PLUGIN_TIMEOUT_MS,
      heapMb: s.CAUSEWAY_PLUGIN_HEAP_MB,
      rssMb: s.CAUSEWAY_PLUGIN_MEMORY_MB ?? s.CAUSEWAY_PLUGIN_HEAP_MB * 2 + 256,
      network: s.CAUSEWAY_PLUGIN_NETWORK,
    },
    isolation: s.CAUSEWAY_PLUGIN_ISOLATION,
    user: s.CAUSEWAY_PLUGIN_USER,
    crashLimit: s.CAUSEWAY_PLUGIN_CRASH_LIMIT,
  };
}
