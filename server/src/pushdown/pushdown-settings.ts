import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';

/** How runs on the server and in the CLI send work to databases (docs/pushdown.md). */
export const pushdownSettingsSchema = z.object({
  CAUSEWAY_PUSHDOWN: z
    .enum(['on', 'off'])
    .default('on')
    .describe(
      '`on`: a `source.postgres` and the pushable nodes after it run as one query in the database; `off`: every node runs in memory.',
    ),
  CAUSEWAY_TABLE_BUDGET_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(2 * 1024 ** 3)
    .describe(
      'The largest result a pushed query may bring into memory, by PostgreSQL’s estimate (rows × row width), checked before any row is read.',
    ),
});

/** Push-down as a run uses it. */
export interface PushdownSettings {
  enabled: boolean;
  budgetBytes: number;
}

/** From the environment (defaults for anything unset); a bad value is `SETTING_INVALID`. */
export function pushdownSettings(env: Readonly<Record<string, string | undefined>>): PushdownSettings {
  const s = parseEnvSettings(pushdownSettingsSchema, env, 'push-down settings');
  return { enabled: s.CAUSEWAY_PUSHDOWN === 'on', budgetBytes: s.CAUSEWAY_TABLE_BUDGET_BYTES };
}
