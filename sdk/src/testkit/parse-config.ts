import type { z } from 'zod';
import type { Issue, Result } from '../errors/issue';
import type { AnyNodeDefinition } from '../node/define-node';
import { checkConfig } from '../validate/check-config';

/**
 * Migrates (when `fromVersion` is older than the definition) and parses a config the way the
 * engine does, unknown keys refused; issues carry paths under `['config', …]`.
 *
 * @example
 * const r = parseConfig(selectColumns, { columns: [{ name: 'age' }] });
 */
export function parseConfig<S extends z.ZodType>(
  definition: Pick<AnyNodeDefinition, 'type' | 'version' | 'migrate'> & { config: S },
  config: unknown,
  fromVersion?: number,
): Result<z.output<S>> {
  let value = config;
  if (fromVersion !== undefined && fromVersion !== definition.version) {
    const failure = (message: string): Result<z.output<S>> => ({
      ok: false,
      issues: [{ code: 'CONFIG_INVALID', path: ['config'], message } satisfies Issue],
    });
    if (fromVersion > definition.version || !definition.migrate) {
      return failure(`Node type "${definition.type}" version ${definition.version} cannot read a version ${fromVersion} config.`);
    }
    try {
      value = definition.migrate(config, fromVersion);
    } catch (cause) {
      return failure(`The version ${fromVersion} config cannot be migrated: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  return checkConfig(definition.config, value, ['config']) as Result<z.output<S>>;
}
