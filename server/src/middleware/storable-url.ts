import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env';
import { isUnstorable, unstorableTextError } from './unstorable-text';

/**
 * Refuses a request whose path or query holds text PostgreSQL cannot store (NUL, a lone
 * surrogate) with 400 `REQUEST_INVALID` naming the part, before any route reads it. JSON bodies
 * are checked by `jsonGuard`.
 */
export function storableUrl(): MiddlewareHandler<AppEnv> {
  return async function storableUrl(c, next) {
    const url = new URL(c.req.url);
    if (url.pathname.includes('%')) {
      for (const [index, segment] of url.pathname.split('/').entries()) {
        if (isUnstorable(decoded(segment))) throw unstorableTextError('path', [index - 1]);
      }
    }
    for (const [key, value] of url.searchParams) {
      if (isUnstorable(key) || isUnstorable(value)) throw unstorableTextError('query', [key]);
    }
    return next();
  };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // Malformed escapes are the router's to refuse.
    return segment;
  }
}
