import { UserError } from '@causeway/sdk';
import type { Context } from 'hono';
import type { AppEnv, Principal } from '../http/app-env';

/** The authenticated caller; routes reach it only after `requireAction` let them through. */
export function actorOf(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (principal === undefined) throw new UserError('UNAUTHORIZED', 'This route needs an API token.');
  return principal;
}
