import { UserError } from '@causeway/sdk';
import type { z } from 'zod';

/**
 * Reads the variables a schema names from the environment (unset and empty ones take the schema's
 * defaults) and throws `SETTING_INVALID` naming every bad variable, e.g. "Invalid run settings: …".
 */
export function parseEnvSettings<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>, what: string): z.infer<S> {
  const input = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => key in schema.shape && value !== undefined && value !== ''),
  );
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(settings)');
    return { code: 'SETTING_INVALID' as const, path: [name], message: `${name}: ${issue.message}` };
  });
  throw new UserError('SETTING_INVALID', `Invalid ${what}: ${issues.map((i) => i.message).join('; ')}`, { issues });
}
