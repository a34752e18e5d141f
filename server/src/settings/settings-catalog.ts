import type { z } from 'zod';
import { signInSettingsSchema } from '../auth/sign-in-settings';
import { cliSettingsSchema } from '../cli/cli-settings';
import { serverSettingsSchema } from '../config';
import { rateLimitSettingsSchema } from '../http/rate-limits';
import { httpSettingsSchema } from '../net/http-settings';
import { pluginSandboxSettingsSchema } from '../plugins/plugin-sandbox-settings';
import { pushdownSettingsSchema } from '../pushdown/pushdown-settings';
import { runSettingsSchema } from '../runs/run-settings';
import { scheduleSettingsSchema } from '../schedules/schedule-settings';
import { memorySettingsSchema } from './memory-settings';

/** One group of environment variables, as docs/settings.md lists them. */
export interface SettingGroup {
  readonly title: string;
  readonly schema: z.ZodObject;
}

/** Every environment variable the server, its workers and the CLI read; docs/settings.md is written from it. */
export const settingGroups: readonly SettingGroup[] = [
  { title: 'Server', schema: serverSettingsSchema },
  { title: 'Sign-in', schema: signInSettingsSchema },
  { title: 'Runs', schema: runSettingsSchema },
  { title: 'Request rate limits', schema: rateLimitSettingsSchema },
  { title: 'Memory bounds', schema: memorySettingsSchema },
  { title: 'Push-down to databases', schema: pushdownSettingsSchema },
  { title: 'Scheduler', schema: scheduleSettingsSchema },
  { title: 'Plugin sandbox', schema: pluginSandboxSettingsSchema },
  { title: 'Outbound HTTP', schema: httpSettingsSchema },
  { title: 'Command line', schema: cliSettingsSchema },
];

/** Variables named by a pattern rather than one name. */
export const settingPatterns: ReadonlyArray<{ variable: string; meaning: string }> = [
  { variable: 'CAUSEWAY_SECRET_<NAME>', meaning: '`causeway run`: the secret `<name>` (`api-token` → `CAUSEWAY_SECRET_API_TOKEN`).' },
];
