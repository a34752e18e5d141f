import type { Table } from 'apache-arrow';
import { UserError } from '../errors/errors';

/**
 * Which sampled requests {@link MonitoringClient.requestSample} reads: the newest `limit` rows, only
 * those at or after `since` (ISO 8601) when given.
 *
 * @example
 * const options: EndpointSampleOptions = { since: '2026-01-01T00:00:00Z', limit: 10_000 };
 */
export interface EndpointSampleOptions {
  since?: string | undefined;
  limit: number;
  /** Only the rows whose real outcome came back as feedback, with the outcome in a column of this name. */
  outcome?: string | undefined;
}

/**
 * Reads what a model endpoint was asked (server hosts only): the rows its sampling stored, for drift
 * checks. The table has one column per input feature, `_at` (when), `_version` (which version answered),
 * `prediction` and, for classifiers, `probability_<class>`.
 *
 * @example
 * const live = await ctx.monitoring.requestSample('churn', { limit: 10_000 });
 */
export interface MonitoringClient {
  requestSample(endpoint: string, options: EndpointSampleOptions): Promise<Table>;
}

/**
 * The client of a host without endpoints (the browser, the CLI's local runs): every call fails with MONITORING_MISSING.
 *
 * @example
 * await runGraph(graph, { registry, monitoring: noMonitoring }); // the default
 */
export const noMonitoring: MonitoringClient = {
  requestSample: () =>
    Promise.reject(new UserError('MONITORING_MISSING', 'This host cannot read endpoint request samples: run the graph on the server.')),
};
