import { UserError } from '../errors/errors';
import type { SecretStore } from '../node/context';

/**
 * A SecretStore over a plain record, for tests. An unknown name fails with `SECRET_UNKNOWN`
 * (the message names the secret, never a value).
 *
 * @example
 * const secrets = memorySecrets({ API_TOKEN: 't0ken' });
 * await secrets.get('API_TOKEN'); // 't0ken'
 */
export function memorySecrets(secrets: Record<string, string>): SecretStore {
  const store = new Map(Object.entries(secrets));
  return {
    async get(name) {
      const value = store.get(name);
      if (value === undefined) throw new UserError('SECRET_UNKNOWN', `No secret named "${name}".`);
      return value;
    },
  };
}
