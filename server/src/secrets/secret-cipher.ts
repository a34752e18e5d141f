import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { InternalError } from '@causeway/sdk';

/** A secret as stored: AES-256-GCM ciphertext, its 12-byte IV, 16-byte tag and the key's id. */
export interface EncryptedSecret {
  ciphertext: Uint8Array;
  iv: Uint8Array;
  tag: Uint8Array;
  key_id: string;
}

/**
 * Encrypts and decrypts secret values with one 32-byte master key. The secret's name is bound as
 * associated data, so a ciphertext copied onto another name does not decrypt.
 */
export class SecretCipher {
  readonly keyId: string;
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.byteLength !== 32) throw new InternalError('The secret master key must be 32 bytes.');
    this.#key = Buffer.from(key);
    this.keyId = createHash('sha256').update(this.#key).digest('hex').slice(0, 16);
  }

  encrypt(name: string, value: string): EncryptedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag(), key_id: this.keyId };
  }

  decrypt(name: string, secret: EncryptedSecret): string {
    if (secret.key_id !== this.keyId) {
      throw new InternalError(`Secret "${name}" was encrypted with key ${secret.key_id}, but the server holds key ${this.keyId}.`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(secret.iv));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(Buffer.from(secret.tag));
      return Buffer.concat([decipher.update(Buffer.from(secret.ciphertext)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new InternalError(`Secret "${name}" failed its integrity check.`, { cause });
    }
  }
}
