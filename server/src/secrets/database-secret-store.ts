import { type SecretStore, UserError } from '@causeway/sdk';
import type { SecretsRepository } from '../repositories/secrets-repository';
import type { SecretCipher } from './secret-cipher';

/** The engine's `SecretStore` on the server: reads a secret by name and decrypts it. */
export class DatabaseSecretStore implements SecretStore {
  constructor(
    private readonly secrets: SecretsRepository,
    private readonly cipher: SecretCipher,
  ) {}

  async get(name: string): Promise<string> {
    const encrypted = await this.secrets.getEncrypted(name);
    if (encrypted === undefined) throw new UserError('SECRET_UNKNOWN', `No secret named "${name}" exists.`);
    return this.cipher.decrypt(name, encrypted);
  }
}
