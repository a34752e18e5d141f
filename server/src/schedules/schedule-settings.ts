import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';

/** How the scheduler of a process behaves. */
export interface ScheduleSettings {
  /** Whether this process fires schedules (default true). */
  enabled: boolean;
  /** How often it looks for due work. */
  pollMs: number;
  /** An occurrence found later than this is missed and follows its catch-up policy. */
  graceMs: number;
  /** Base of run links in alerts; absent → the server's own URL. */
  publicUrl: string | undefined;
  /** Key of the alerts' `X-Causeway-Signature` (HMAC-SHA256 of the body); absent → unsigned. */
  alertSigningKey: string | undefined;
}

/** The scheduler's environment variables, in every `serve` and `worker` process. */
export const scheduleSettingsSchema = z.object({
  CAUSEWAY_SCHEDULER: z.enum(['on', 'off']).default('on').describe('Whether this process fires schedules.'),
  CAUSEWAY_SCHEDULER_POLL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(2_000)
    .meta({ unit: 'ms' })
    .describe('How often the scheduler looks for due occurrences.'),
  CAUSEWAY_SCHEDULE_GRACE_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .default(60_000)
    .meta({ unit: 'ms' })
    .describe('An occurrence found later than this is missed and follows its catch-up policy.'),
  CAUSEWAY_PUBLIC_URL: z.url().optional().meta({ defaultText: "the server's own URL" }).describe('Base of the run links in alerts.'),
  CAUSEWAY_ALERT_SIGNING_KEY: z
    .string()
    .min(16)
    .optional()
    .meta({ defaultText: 'unsigned' })
    .describe('Key that signs each alert: `X-Causeway-Signature: sha256=<HMAC-SHA256 hex of the body>`. At least 16 characters.'),
});

/** Scheduler settings from the environment; `SETTING_INVALID` names each bad variable. */
export function scheduleSettings(env: Record<string, string | undefined>): ScheduleSettings {
  const s = parseEnvSettings(scheduleSettingsSchema, env, 'scheduler settings');
  return {
    enabled: s.CAUSEWAY_SCHEDULER === 'on',
    pollMs: s.CAUSEWAY_SCHEDULER_POLL_MS,
    graceMs: s.CAUSEWAY_SCHEDULE_GRACE_MS,
    publicUrl: s.CAUSEWAY_PUBLIC_URL,
    alertSigningKey: s.CAUSEWAY_ALERT_SIGNING_KEY,
  };
}
