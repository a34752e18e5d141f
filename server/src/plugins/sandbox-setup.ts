import type { SandboxSetup } from './plugin-host-calls';
import type { PluginSandboxSettings } from './plugin-sandbox-settings';
import { sandboxIsolation } from './sandbox/sandbox-isolation';

/** How a sandbox outside the server's run threads (the CLI, save-time migration) starts: the same limits and isolation. */
export function sandboxSetupOf(settings: PluginSandboxSettings, entry: string, readDirs: string[]): SandboxSetup {
  const isolation = sandboxIsolation(settings.isolation, settings.user, settings.limits.network);
  return { entry, readDirs, limits: settings.limits, isolation };
}
