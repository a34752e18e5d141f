import type { SecretStore } from '@causeway/sdk';
import { z } from 'zod';
import { type HostCallHandler, hostMethod } from '../runs/host-calls';

/** The `secrets` host-call service: a run thread reads a secret by name; values are decrypted here, on the main side. */
export function secretHostCalls(secrets: SecretStore): Record<string, HostCallHandler> {
  return {
    get: hostMethod(z.tuple([z.string().min(1).max(200)]), ([name]) => secrets.get(name)),
  };
}
