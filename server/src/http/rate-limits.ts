import { UserError } from '@causeway/sdk';
import { z } from 'zod';
import { parseEnvSettings } from '../settings/parse-env-settings';

const perMinute = (fallback: number, what: string) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000_000)
    .default(fallback)
    .meta({ unit: 'requests per minute' })
    .describe(`${what} 0 turns it off.`);

/** The environment variables that bound request rates (token buckets: a burst of the per-minute figure, refilled evenly). */
export const rateLimitSettingsSchema = z.object({
  CAUSEWAY_RATE_SIGN_IN_PER_IP: perMinute(30, 'Sign-in requests from one client address, whatever their outcome.'),
  CAUSEWAY_RATE_PREDICT_PER_TOKEN: perMinute(60_000, 'Prediction requests with one token (counted before the token is checked).'),
  CAUSEWAY_RATE_PREDICT_PER_IP: perMinute(120_000, 'Prediction requests from one client address.'),
  CAUSEWAY_TRUST_PROXY: z
    .stringbool()
    .default(false)
    .meta({ defaultText: '`false`', allowedText: '`true` or `false`' })
    .describe(
      'The server sits behind one reverse proxy: the client address of the per-address limits and the sign-in throttle is the last address of X-Forwarded-For (the one the proxy appended) instead of the socket peer. Leave it off when clients reach the server directly, or they choose their own address.',
    ),
  CAUSEWAY_RATE_LIMIT_KEYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .default(50_000)
    .describe(
      'Keys (tokens, addresses) each limit tracks in memory; at the bound idle keys are dropped, then the oldest, so random tokens or addresses cannot grow memory.',
    ),
});

/** What a limit counts: sign-ins per address; predictions per token and per address. */
export type RateLimitKind = 'signInPerIp' | 'predictPerToken' | 'predictPerIp';

interface Bucket {
  tokens: number;
  at: number;
}

/** One kind's buckets: `limit` requests per minute per key, as a burst of `limit` refilled evenly. */
class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: number,
    private readonly maxKeys: number,
  ) {}

  /** Keys tracked now (at most `maxKeys`). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one request for `key`: 0 when allowed, else the seconds until one is. */
  take(key: string, now: number): number {
    if (this.limit === 0) return 0;
    const perMs = this.limit / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.limit, at: now };
    bucket.tokens = Math.min(this.limit, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= this.maxKeys) this.dropFull(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  private dropFull(now: number): void {
    const perMs = this.limit / 60_000;
    for (const [key, bucket] of this.buckets) if (bucket.tokens + (now - bucket.at) * perMs >= this.limit) this.buckets.delete(key);
    // Still full of busy keys: forget the oldest rather than grow.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * Request rate limits of one server process, shared by the app and the prediction fast path:
 * sign-ins per client address, predictions per token and per address. A refused request gets
 * `RATE_LIMITED` (429) with `Retry-After`, before its body is read or its token looked up.
 */
export class RateLimits {
  private readonly kinds: Record<RateLimitKind, TokenBuckets>;
  /** Whether `X-Forwarded-For` names the client (CAUSEWAY_TRUST_PROXY). */
  readonly trustProxy: boolean;

  constructor(
    settings: z.output<typeof rateLimitSettingsSchema>,
    private readonly clock: () => number = Date.now,
  ) {
    this.trustProxy = settings.CAUSEWAY_TRUST_PROXY;
    this.kinds = {
      signInPerIp: new TokenBuckets(settings.CAUSEWAY_RATE_SIGN_IN_PER_IP, settings.CAUSEWAY_RATE_LIMIT_KEYS),
      predictPerToken: new TokenBuckets(settings.CAUSEWAY_RATE_PREDICT_PER_TOKEN, settings.CAUSEWAY_RATE_LIMIT_KEYS),
      predictPerIp: new TokenBuckets(settings.CAUSEWAY_RATE_PREDICT_PER_IP, settings.CAUSEWAY_RATE_LIMIT_KEYS),
    };
  }

  /** From the environment (defaults for anything unset). */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): RateLimits {
    return new RateLimits(parseEnvSettings(rateLimitSettingsSchema, env, 'rate limit settings'));
  }

  /** Keys each limit tracks now. */
  tracked(kind: RateLimitKind): number {
    return this.kinds[kind].size;
  }

  /** Counts one request against each given kind and key (an undefined key is not counted); throws `RATE_LIMITED` when any is spent. */
  check(keys: Partial<Record<RateLimitKind, string | undefined>>): void {
    const now = this.clock();
    for (const [kind, key] of Object.entries(keys) as Array<[RateLimitKind, string | undefined]>) {
      if (key === undefined) continue;
      const seconds = this.kinds[kind].take(key, now);
      if (seconds > 0) {
        const who = kind.endsWith('PerIp') ? 'this address' : 'this token';
        throw new UserError('RATE_LIMITED', `Too many requests from ${who}; retry in ${seconds} s.`, {
          details: { retryAfterSeconds: seconds, limit: kind },
        });
      }
    }
  }
}
