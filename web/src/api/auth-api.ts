import { type Session, session as sessionSchema, type signInBody } from '@causeway/contract';
import type { z } from 'zod';
import { ApiClient, ApiError } from './api-client';

export type { Session } from '@causeway/contract';

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const authApi = {
  /** Signs in with a name and password; wrong credentials and throttling come back as `ApiError`. */
  async signIn(origin: string, name: string, password: string, fetchImpl?: Fetch): Promise<Session> {
    const anonymous = new ApiClient(origin, undefined, fetchImpl);
    const body: z.input<typeof signInBody> = { name, password };
    return anonymous.request('POST', '/api/auth/sign-in', sessionSchema, body);
  },

  /** Ends the calling session on the server. */
  signOut(api: ApiClient): Promise<void> {
    return api.send('POST', '/api/auth/sign-out');
  },

  /**
   * Whether the page's origin is a Causeway server (its public health route answers JSON). The editor
   * can also be hosted as plain files, where there is nobody to sign in to and it runs in the browser only.
   */
  async isServer(origin: string, fetchImpl: Fetch = (input, init) => fetch(input, init)): Promise<boolean> {
    try {
      const response = await fetchImpl(`${origin.replace(/\/$/, '')}/api/health`, { headers: { accept: 'application/json' } });
      return (response.headers.get('content-type') ?? '').includes('application/json');
    } catch {
      return false;
    }
  },
};

/** What the sign-in form says about a failed sign-in. */
export function signInProblem(error: unknown): string {
  if (!(error instanceof ApiError)) return `Not signed in: ${error instanceof Error ? error.message : String(error)}`;
  switch (error.code) {
    case 'SIGN_IN_FAILED':
      return 'Wrong user name or password (or the user is disabled).';
    case 'SIGN_IN_THROTTLED': {
      const seconds = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
      return typeof seconds === 'number' ? `Too many failed sign-ins for this name. Try again in ${waitText(seconds)}.` : error.message;
    }
    case 'NETWORK':
      return error.message;
    default:
      return `Not signed in: ${error.message}`;
  }
}

/** A wait in seconds as people say it: "45 seconds", "3 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
