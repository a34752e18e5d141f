import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

/**
 * Where a process without a data folder (the CLI; graph validation in the request process) keeps
 * the sandbox runtime and rewritten bundles: private to the user, content-addressed, reused.
 */
export function sandboxCacheDir(): string {
  return join(tmpdir(), `causeway-${userInfo().uid}`, 'plugins');
}
