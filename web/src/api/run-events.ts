import { runEventSchema } from '@causeway/contract';
import type { RunEvent } from '@causeway/sdk';
import { type ApiClient, ApiError, readError } from './api-client';
import { parseAnswer } from './parse-answer';
import { SseParser } from './sse-parser';

export interface FollowOptions {
  signal?: AbortSignal;
  /** Resume after this event (the server's seq); 0 from the start. */
  after?: number;
  /** Pause before reconnecting after the stream broke (doubles up to 8 × this). */
  retryMs?: number;
  /** Reconnections in a row without any new event before giving up. */
  maxRetries?: number;
}

/**
 * Follows a server run's events until its `run:done`. The stream is read with fetch (EventSource
 * cannot send the Authorization header); when the connection drops it reconnects with `Last-Event-ID`
 * so no event is lost or repeated. Resolves with the closing event, or undefined when aborted.
 */
export async function followRunEvents(
  api: ApiClient,
  runId: number,
  onEvent: (event: RunEvent, seq: number) => void,
  options: FollowOptions = {},
): Promise<Extract<RunEvent, { type: 'run:done' }> | undefined> {
  const retryMs = options.retryMs ?? 500;
  const maxRetries = options.maxRetries ?? 8;
  let last = options.after ?? 0;
  let failures = 0;
  for (;;) {
    if (options.signal?.aborted) return undefined;
    const before = last;
    try {
      const done = await readOnce(api, runId, last, options.signal, (event, seq) => {
        last = seq;
        onEvent(event, seq);
      });
      if (done) return done;
    } catch (error) {
      if (options.signal?.aborted) return undefined;
      // The server answered (404, 403…): reconnecting will not help.
      if (error instanceof ApiError && error.status !== 0 && error.status < 500) throw error;
    }
    failures = last > before ? 0 : failures + 1;
    if (failures > maxRetries) throw new ApiError(0, 'NETWORK', `Lost the event stream of run ${runId}.`, { runId, lastEventId: last });
    await pause(Math.min(retryMs * 2 ** Math.max(0, failures - 1), retryMs * 8), options.signal);
  }
}

async function readOnce(
  api: ApiClient,
  runId: number,
  after: number,
  signal: AbortSignal | undefined,
  onEvent: (event: RunEvent, seq: number) => void,
): Promise<Extract<RunEvent, { type: 'run:done' }> | undefined> {
  const response = await api.fetchRaw(`/api/runs/${runId}/events`, {
    headers: { accept: 'text/event-stream', ...(after > 0 ? { 'last-event-id': String(after) } : {}) },
    ...(signal ? { signal } : {}),
  });
  if (!response.ok || !response.body) throw await readError(response);
  const parser = new SseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return undefined;
      for (const message of parser.push(value)) {
        // Events that arrived with the chunk of the abort are not the caller's any more.
        if (signal?.aborted) return undefined;
        const seq = Number(message.id);
        if (!Number.isSafeInteger(seq) || seq <= after) continue;
        const event = parseEvent(message.data, runId, response.status);
        onEvent(event, seq);
        if (event.type === 'run:done') return event;
      }
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** An event checked against the contract; a stream of another shape is `UNEXPECTED_ANSWER`, not a blank run. */
function parseEvent(data: string, runId: number, status: number): RunEvent {
  const request = `GET /api/runs/${runId}/events`;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw new ApiError(status, 'UNEXPECTED_ANSWER', `The server's answer to ${request} holds an event that is not JSON.`, {
      data: data.slice(0, 200),
    });
  }
  return parseAnswer(runEventSchema, json, request, status) as RunEvent;
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        done();
      },
      { once: true },
    );
  });
}
