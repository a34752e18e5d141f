import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokensRepository } from './repositories/tokens-repository';

/**
 * Makes sure an admin can sign in: on first start creates an admin token and keeps it in
 * `<dataDir>/admin.token` (mode 0600). Returns that token while it is still valid, else undefined.
 */
export async function ensureAdminToken(tokens: TokensRepository, dataDir: string): Promise<string | undefined> {
  const file = join(dataDir, 'admin.token');
  const saved = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  if (saved !== undefined && (await tokens.findActive(saved))?.role === 'admin') return saved;
  if ((await tokens.countActive('admin')) > 0) return undefined;
  const { token } = await tokens.create({ name: 'admin (first start)', role: 'admin', createdBy: null });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}
