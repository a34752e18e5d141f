import { setTimeout as sleep } from 'node:timers/promises';
import fc from 'fast-check';
import type { FuzzCase, Operation } from './api-fuzz-cases';

/** What a fuzz run saw: answers by status, every 5xx with its request, and health latencies meanwhile. */
export interface FuzzReport {
  cases: number;
  statuses: Record<number, number>;
  serverErrors: Array<{ request: FuzzCase; status: number; answer: string }>;
  /** Milliseconds of each `GET /api/health` sent while the fuzz ran. */
  healthMs: number[];
  /** Health answers that were not 200, or did not come. */
  healthFailures: string[];
  /** The five slowest requests: where a server spends the time health waits for. */
  slowest: Array<{ method: string; path: string; status: number; ms: number; bodyChars: number }>;
}

// Event streams of a known run would wait for the run to end; they are fuzzed by their own tests.
const skipped = /\/events$/;

/** Every operation of the server's OpenAPI document but event streams. */
export async function operationsOf(baseUrl: string, token: string): Promise<Operation[]> {
  const response = await fetch(`${baseUrl}/api/openapi.json`, { headers: { authorization: `Bearer ${token}` } });
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    skipped.test(path)
      ? []
      : Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: `/api${path.replace(/^\/api/, '')}` })),
  );
}

async function send(baseUrl: string, token: string, request: FuzzCase): Promise<{ status: number; answer: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: string | undefined;
  // fetch sends no body with GET or HEAD.
  if (request.body && request.method !== 'GET' && request.method !== 'HEAD') {
    body = 'json' in request.body ? (JSON.stringify(request.body.json) ?? 'null') : request.body.raw;
    headers['content-type'] = request.contentType ?? 'application/json';
  }
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers, ...(body === undefined ? {} : { body }) });
  return { status: response.status, answer: (await response.text()).slice(0, 500) };
}

/** Asks for health every `everyMs` until `stop` is aborted, timing each answer. */
async function sampleHealth(baseUrl: string, everyMs: number, stop: AbortSignal, report: FuzzReport): Promise<void> {
  while (!stop.aborted) {
    const start = performance.now();
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      await response.arrayBuffer();
      report.healthMs.push(performance.now() - start);
      if (response.status !== 200) report.healthFailures.push(`status ${response.status}`);
    } catch (error) {
      report.healthFailures.push(String(error));
    }
    await sleep(everyMs);
  }
}

/**
 * Sends `numRuns` requests drawn from `cases` (the same ones for the same seed), `concurrency` at a
 * time, to a server over HTTP, while health is asked for every 20 ms.
 *
 * @example
 * const report = await fuzzApi('http://127.0.0.1:8787', token, fuzzCases(ops, types, 'g'), { numRuns: 500, seed: 1 });
 * report.serverErrors // []
 */
export async function fuzzApi(
  baseUrl: string,
  token: string,
  cases: fc.Arbitrary<FuzzCase>,
  options: { numRuns: number; seed: number; concurrency?: number },
): Promise<FuzzReport> {
  const report: FuzzReport = { cases: 0, statuses: {}, serverErrors: [], healthMs: [], healthFailures: [], slowest: [] };
  const requests = fc.sample(cases, { numRuns: options.numRuns, seed: options.seed });
  const stop = new AbortController();
  const health = sampleHealth(baseUrl, 20, stop.signal, report);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < requests.length; i = next++) {
      const request = requests[i] as FuzzCase;
      const start = performance.now();
      const { status, answer } = await send(baseUrl, token, request);
      const ms = performance.now() - start;
      if (report.slowest.length < 5 || ms > (report.slowest.at(-1)?.ms ?? 0)) {
        const bodyChars = request.body ? ('raw' in request.body ? request.body.raw : (JSON.stringify(request.body.json) ?? '')).length : 0;
        report.slowest.push({ method: request.method, path: request.path.slice(0, 80), status, ms: Math.round(ms), bodyChars });
        report.slowest.sort((a, b) => b.ms - a.ms).splice(5);
      }
      report.cases++;
      report.statuses[status] = (report.statuses[status] ?? 0) + 1;
      if (status >= 500) report.serverErrors.push({ request, status, answer });
    }
  };
  try {
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  } finally {
    stop.abort();
    await health;
  }
  return report;
}

/** The value at quantile `q` (0–1) of `values`. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
