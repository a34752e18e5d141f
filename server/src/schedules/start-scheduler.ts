import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Logger } from '../logger';
import { AddressPolicy } from '../net/address-policy';
import { postJsonSafely } from '../net/safe-fetch';
import { SecretsRepository } from '../repositories/secrets-repository';
import type { RunSettings } from '../runs/run-settings';
import { DatabaseSecretStore } from '../secrets/database-secret-store';
import type { SecretCipher } from '../secrets/secret-cipher';
import { alertPoster } from './alert-signature';
import { scheduleSettings } from './schedule-settings';
import { Scheduler } from './scheduler';

/**
 * Starts the scheduler of `causeway serve` or `causeway worker` (unless `CAUSEWAY_SCHEDULER=off`).
 * Alerts go through the SSRF-safe client under the operator's `CAUSEWAY_HTTP_ALLOW`.
 */
export function startScheduler(options: {
  db: Kysely<Database>;
  env: Record<string, string | undefined>;
  runs: RunSettings;
  logger: Logger;
  /** Decrypts alert URLs kept as secrets. */
  cipher: SecretCipher;
  /** The server's own URL, used for run links when `CAUSEWAY_PUBLIC_URL` is not set. */
  ownUrl?: string;
  onQueued?: () => void;
  /** More work on each tick, given the time and the SSRF-safe JSON poster alerts use. */
  alsoOnTick?: (now: number, post: (url: string, body: unknown) => Promise<void>) => Promise<unknown>;
}): Scheduler | undefined {
  const settings = scheduleSettings(options.env);
  if (!settings.enabled) return undefined;
  const policy = AddressPolicy.fromEnv(options.env);
  const alsoOnTick = options.alsoOnTick;
  const postJson = async (url: string, body: unknown) => {
    await postJsonSafely(url, body, { policy, timeoutMs: 10_000 });
  };
  const scheduler = new Scheduler({
    db: options.db,
    logger: options.logger,
    secrets: new DatabaseSecretStore(new SecretsRepository(options.db), options.cipher),
    runDefaults: { maxAttempts: options.runs.maxAttempts, timeoutMs: options.runs.runTimeoutMs },
    post: alertPoster(policy, settings.alertSigningKey),
    publicUrl: settings.publicUrl ?? options.ownUrl,
    pollMs: settings.pollMs,
    graceMs: settings.graceMs,
    ...(options.onQueued === undefined ? {} : { onQueued: options.onQueued }),
    ...(alsoOnTick === undefined ? {} : { alsoOnTick: (now: number) => alsoOnTick(now, postJson) }),
  });
  scheduler.start();
  return scheduler;
}
