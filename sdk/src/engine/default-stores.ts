import { UserError } from '../errors/errors';
import type { FileStore, SecretStore } from '../node/context';

/** The file store of a run that was given none: every file is unknown. */
export const noFiles: FileStore = {
  read: (name) => Promise.reject(new UserError('FILE_UNKNOWN', `No file named "${name}" is available to this run.`)),
  fingerprint: (name) => Promise.reject(new UserError('FILE_UNKNOWN', `No file named "${name}" is available to this run.`)),
};

/** The secret store of a run that was given none: every secret is unknown. */
export const noSecrets: SecretStore = {
  get: (name) => Promise.reject(new UserError('SECRET_UNKNOWN', `No secret named "${name}" is available to this run.`)),
};
