import type { Logger } from '../logger';
import type { AuditRepository } from '../repositories/audit-repository';
import type { PluginsRepository } from './plugins-repository';

/**
 * Counts sandbox crashes (the process exited or was killed while running a node) per plugin
 * version in this server process; at `limit` the version is disabled with an audit entry
 * (`plugin.disable`, actor `server`), so runs stop starting code that keeps dying. Enabling it
 * again through the API starts a fresh count.
 */
export class PluginCrashBreaker {
  private readonly crashes = new Map<string, number>();

  constructor(
    private readonly deps: { plugins: PluginsRepository; audit: AuditRepository; logger: Logger },
    private readonly limit: number,
  ) {}

  /** Records one crash; true when this one disabled the version. */
  async crashed(name: string, version: string, runId: number): Promise<boolean> {
    const key = `${name}@${version}`;
    const count = (this.crashes.get(key) ?? 0) + 1;
    this.crashes.set(key, count);
    this.deps.logger.warn('plugin sandbox crashed', { plugin: key, runId, crashes: count, limit: this.limit });
    if (count < this.limit) return false;
    this.crashes.delete(key);
    if (!(await this.deps.plugins.setEnabled(name, version, false))) return false;
    await this.deps.audit.record({
      actor: 'server',
      action: 'plugin.disable',
      target: `plugin:${key}`,
      details: { reason: 'crashes', crashes: count, lastRunId: runId },
    });
    this.deps.logger.warn('plugin version disabled after repeated sandbox crashes', { plugin: key, crashes: count });
    return true;
  }
}
