import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';

/** The environment variables the `causeway` command reads itself. */
export const cliSettingsSchema = z.object({
  CAUSEWAY_URL: z.url().default('http://127.0.0.1:8787').describe('The server `causeway plugin dev` installs into (`--server`).'),
  CAUSEWAY_TOKEN: z.string().min(1).optional().describe('The token `causeway plugin dev` uses (`--token`).'),
  CAUSEWAY_PLUGINS_DIR: z
    .string()
    .min(1)
    .optional()
    .meta({ defaultText: 'unset' })
    .describe('`causeway run`, `validate` and `nodes`: a folder of built plugins (folders or npm tarballs) loaded besides `--plugin`.'),
  CAUSEWAY_DEBUG: z
    .string()
    .optional()
    .meta({ defaultText: 'unset' })
    .describe('Any value: an unexpected error also prints its stack trace.'),
});

/** The CLI's settings from the environment; `SETTING_INVALID` names each bad variable. */
export function cliSettings(env: Record<string, string | undefined>): z.infer<typeof cliSettingsSchema> {
  return parseEnvSettings(cliSettingsSchema, env, 'command line settings');
}
