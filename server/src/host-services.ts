import type { HttpClient, ModelRegistryClient, MonitoringClient, OnnxRuntime, SqlClient } from '@causeway/sdk';
import { monitoringOverHostCalls } from './endpoints/monitoring-over-host-calls';
import { modelRegistryOverHostCalls } from './models/model-registry-over-host-calls';
import { AddressPolicy } from './net/address-policy';
import { createSafeHttpClient } from './net/safe-fetch';
import { createNodeOnnxRuntime } from './onnx/node-runtime';
import type { HostCall } from './runs/host-calls-client';
import { createPgSqlClient } from './sql/pg-sql-client';

/** What a server-side host gives running nodes beyond files and secrets: model scoring, URLs (SSRF-safe) and PostgreSQL queries. */
export interface HostServices {
  onnx: OnnxRuntime;
  http: HttpClient;
  sql: SqlClient;
}

/** The server's host services (onnxruntime-node sessions cached per model), with the HTTP allow-list read from `CAUSEWAY_HTTP_ALLOW`. */
export function hostServices(env: Readonly<Record<string, string | undefined>>): HostServices {
  return {
    onnx: createNodeOnnxRuntime(),
    http: createSafeHttpClient({ policy: AddressPolicy.fromEnv(env) }),
    sql: createPgSqlClient(),
  };
}

/** What a run on the server reaches through host calls to the main side: the model registry and endpoint samples. */
export interface RunHostServices {
  models: ModelRegistryClient;
  monitoring: MonitoringClient;
}

/** The host-call backed services of one run (the CLI's local runs have none and keep the SDK's failing defaults). */
export function runHostServices(call: HostCall): RunHostServices {
  return { models: modelRegistryOverHostCalls(call), monitoring: monitoringOverHostCalls(call) };
}
