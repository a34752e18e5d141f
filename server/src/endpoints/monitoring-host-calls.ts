import { tableToIPC } from 'apache-arrow';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database';
import { type HostCallHandler, hostMethod } from '../runs/host-calls';
import { maxSampleRows, readSampleTable } from './sample-table';

const endpoint = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name');
const options = z
  .object({
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(maxSampleRows),
    outcome: z.string().min(1).max(1_000).optional(),
  })
  .strict();

/**
 * The `monitoring` host-call service: a run reads an endpoint's sampled requests as an Arrow IPC
 * stream (its buffer is transferred to the run thread, not copied).
 */
export function monitoringHostCalls(db: Kysely<Database>): Record<string, HostCallHandler> {
  return {
    requestSample: hostMethod(z.tuple([endpoint, options]), async ([name, { since, limit, outcome }]) => {
      const table = await readSampleTable(db, name, {
        ...(since === undefined ? {} : { since }),
        ...(outcome === undefined ? {} : { outcome }),
        limit,
      });
      return tableToIPC(table, 'stream');
    }),
  };
}
