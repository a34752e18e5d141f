import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';

/** The environment variables of the failed sign-in throttle. */
export const signInSettingsSchema = z.object({
  CAUSEWAY_SIGN_IN_FAILURES_PER_NAME: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Failed sign-ins for one user name, within the window, after which that name is refused until the window passes.'),
  CAUSEWAY_SIGN_IN_FAILURES_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('Failed sign-ins from one client address (any names), within the window, after which that address is refused.'),
  CAUSEWAY_SIGN_IN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(900)
    .meta({ unit: 'seconds' })
    .describe('How far back failed sign-ins count.'),
});

/** What the throttle is built from. */
export interface SignInThrottleLimits {
  perName: number;
  perAddress: number;
  windowMs: number;
}

/** Reads the throttle's limits from the environment. */
export function signInThrottleLimits(env: Record<string, string | undefined>): SignInThrottleLimits {
  const s = parseEnvSettings(signInSettingsSchema, env, 'sign-in settings');
  return {
    perName: s.CAUSEWAY_SIGN_IN_FAILURES_PER_NAME,
    perAddress: s.CAUSEWAY_SIGN_IN_FAILURES_PER_ADDRESS,
    windowMs: s.CAUSEWAY_SIGN_IN_WINDOW_SECONDS * 1000,
  };
}
