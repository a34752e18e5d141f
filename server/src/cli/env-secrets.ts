import { type SecretStore, UserError } from '@causeway/sdk';

/** The environment variable that holds a secret: `api-token` → `CAUSEWAY_SECRET_API_TOKEN`. */
export function secretVariable(name: string): string {
  return `CAUSEWAY_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Secrets from environment variables `CAUSEWAY_SECRET_<NAME>`; a missing one fails with SECRET_UNKNOWN. */
export function envSecrets(env: Readonly<Record<string, string | undefined>>): SecretStore {
  return {
    async get(name) {
      const variable = secretVariable(name);
      const value = Object.hasOwn(env, variable) ? env[variable] : undefined;
      if (value === undefined)
        throw new UserError('SECRET_UNKNOWN', `Secret "${name}" is not set; set the environment variable ${variable}.`);
      return value;
    },
  };
}
