import { z } from 'zod';
import { type HostCallHandler, type HostCallRun, hostMethod } from '../runs/host-calls';
import type { GrantedSecrets } from './database-secret-store';
import type { SecretUser } from './secret-grants';

/**
 * The `secrets` host-call service: a run thread reads a secret by name, as the run's owner (a secret
 * not granted to it is `SECRET_FORBIDDEN`); values are decrypted here, on the main side.
 */
export function secretHostCalls(
  secrets: GrantedSecrets,
  userOfRun: (run: HostCallRun) => Promise<SecretUser>,
): Record<string, HostCallHandler> {
  return {
    get: hostMethod(z.tuple([z.string().min(1).max(200)]), async ([name], run) => secrets.getAs(name, await userOfRun(run))),
  };
}
