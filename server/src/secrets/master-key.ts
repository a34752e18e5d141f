import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '@causeway/sdk';

/**
 * The secrets master key: from `CAUSEWAY_SECRET_KEY` (32 bytes as base64 or hex) when set, else
 * from `<dataDir>/secret.key`, which is created with mode 0600 on first start.
 */
export async function loadMasterKey(options: { secretKey: string | undefined; dataDir: string }): Promise<Uint8Array> {
  if (options.secretKey !== undefined) return decodeKey(options.secretKey, 'CAUSEWAY_SECRET_KEY');
  const file = join(options.dataDir, 'secret.key');
  try {
    return decodeKey((await readFile(file, 'utf8')).trim(), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx' fails if another process created the file meanwhile: then read theirs.
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return decodeKey((await readFile(file, 'utf8')).trim(), file);
  }
}

function decodeKey(text: string, source: string): Uint8Array {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (bytes.byteLength !== 32) {
    throw new UserError('SETTING_INVALID', `${source}: the secrets master key must be 32 bytes, as base64 or 64 hex digits.`);
  }
  return bytes;
}
