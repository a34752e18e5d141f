import { createHmac } from 'node:crypto';
import type { AddressPolicy } from '../net/address-policy';
import { postJsonSafely } from '../net/safe-fetch';
import type { AlertPoster } from './send-alerts';

/** The name of the header that signs an alert's body. */
export const signatureHeader = 'x-causeway-signature';

/** `sha256=<HMAC-SHA256 hex of the exact body bytes>`: a receiver holding the key checks the alert came from this server. */
export function alertSignature(key: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

/** Posts alerts under the address policy, signed when a signing key is set (`CAUSEWAY_ALERT_SIGNING_KEY`). */
export function alertPoster(policy: AddressPolicy, signingKey: string | undefined, timeoutMs = 10_000): AlertPoster {
  const headers = signingKey === undefined ? undefined : (body: Uint8Array) => ({ [signatureHeader]: alertSignature(signingKey, body) });
  return async (url, alert) => {
    await postJsonSafely(url, alert, { policy, timeoutMs, headers });
  };
}
