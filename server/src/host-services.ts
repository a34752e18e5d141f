import type { HttpClient, SqlClient } from '@causeway/sdk';
import { AddressPolicy } from './net/address-policy';
import { createSafeHttpClient } from './net/safe-fetch';
import { createPgSqlClient } from './sql/pg-sql-client';

/** What a server-side host gives running nodes beyond files and secrets: URLs (SSRF-safe) and PostgreSQL queries. */
export interface HostServices {
  http: HttpClient;
  sql: SqlClient;
}

/** The server's host services, with the HTTP allow-list read from `CAUSEWAY_HTTP_ALLOW`. */
export function hostServices(env: Readonly<Record<string, string | undefined>>): HostServices {
  return { http: createSafeHttpClient({ policy: AddressPolicy.fromEnv(env) }), sql: createPgSqlClient() };
}
