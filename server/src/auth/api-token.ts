import { createHash, randomBytes } from 'node:crypto';

const prefix = 'cw_';

/** A fresh API token: 32 random bytes, base64url, with a `cw_` prefix so leaks are easy to scan for. */
export function newApiToken(): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** The form a token is stored in: sha256, hex. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Reads the token from an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ ]+([A-Za-z0-9_\-.~+/]+=*)$/i.exec(header.trim());
  return match?.[1];
}
