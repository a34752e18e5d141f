import type { MonitoringClient } from '@causeway/sdk';
import { tableFromIPC } from 'apache-arrow';
import { z } from 'zod';
import type { HostCall } from '../runs/host-calls-client';
import { withLocalDictionaryIds } from './local-dictionary-ids';

const ipc = z.instanceof(Uint8Array);

/** `ctx.monitoring` inside a run thread: each read goes to the main side, which answers with Arrow IPC bytes. */
export function monitoringOverHostCalls(call: HostCall): MonitoringClient {
  return {
    requestSample: async (endpoint, options) => {
      const args = {
        limit: options.limit,
        ...(options.since === undefined ? {} : { since: options.since }),
        ...(options.outcome === undefined ? {} : { outcome: options.outcome }),
      };
      return withLocalDictionaryIds(tableFromIPC(ipc.parse(await call('monitoring', 'requestSample', [endpoint, args]))));
    },
  };
}
