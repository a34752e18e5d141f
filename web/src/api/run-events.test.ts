import type { RunEvent } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api-client';
import { followRunEvents } from './run-events';

const events: RunEvent[] = [
  { type: 'run:start', runId: 5, at: 0, nodes: ['a', 'b'] },
  { type: 'node:start', runId: 5, nodeId: 'a', at: 1 },
  { type: 'node:done', runId: 5, nodeId: 'a', at: 3, durationMs: 2, cached: false, outputs: {} },
  { type: 'node:start', runId: 5, nodeId: 'b', at: 4 },
  { type: 'run:done', runId: 5, at: 9, status: 'succeeded', durationMs: 9 },
];
const frame = (seq: number) => `id: ${seq}\nevent: ${events[seq - 1]?.type}\ndata: ${JSON.stringify(events[seq - 1])}\n\n`;

/**
 * A server that streams the events after Last-Event-ID and drops the connection after `cut`
 * events on the first connection (mid-frame), as a proxy or a restart would.
 */
function flakyServer(cut: number) {
  const requests: Array<{ lastEventId: string | null; auth: string | null }> = [];
  const fetchImpl = async (_url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    requests.push({ lastEventId: headers.get('last-event-id'), auth: headers.get('authorization') });
    const after = Number(headers.get('last-event-id') ?? 0);
    const first = requests.length === 1;
    const encoder = new TextEncoder();
    let seq = after;
    // One frame per read, so the reader has taken each frame before the connection breaks.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        seq++;
        if (seq > events.length) return controller.close();
        if (first && seq === cut + 1) return controller.enqueue(encoder.encode(frame(seq).slice(0, 10)));
        if (first && seq > cut + 1) return controller.error(new TypeError('network error'));
        controller.enqueue(encoder.encode(frame(seq)));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return { requests, fetchImpl };
}

describe('followRunEvents', () => {
  it('resumes after a dropped connection with Last-Event-ID: every event once, in order', async () => {
    const server = flakyServer(2);
    const api = new ApiClient('http://x', 'tok', server.fetchImpl);
    const seen: number[] = [];
    const done = await followRunEvents(api, 5, (_e, seq) => seen.push(seq), { retryMs: 1 });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(done).toMatchObject({ type: 'run:done', status: 'succeeded' });
    expect(server.requests).toEqual([
      { lastEventId: null, auth: 'Bearer tok' },
      { lastEventId: '2', auth: 'Bearer tok' },
    ]);
  });

  it('stops at once on an error the server answered with', async () => {
    const api = new ApiClient('http://x', 'tok', async () =>
      Response.json({ code: 'NOT_FOUND', message: 'No run 5.', details: {} }, { status: 404 }),
    );
    const error = await followRunEvents(api, 5, () => {}, { retryMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No run 5.' });
  });

  it('gives up after the retries when the server stays unreachable', async () => {
    let calls = 0;
    const api = new ApiClient('http://x', 'tok', async () => {
      calls++;
      throw new TypeError('connection refused');
    });
    const error = await followRunEvents(api, 5, () => {}, { retryMs: 1, maxRetries: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NETWORK' });
    expect(calls).toBe(3);
  });

  it('refuses an event the contract does not describe, naming the field, instead of showing a blank run', async () => {
    const frames = [
      `id: 1\ndata: ${JSON.stringify(events[0])}\n\n`,
      `id: 2\ndata: ${JSON.stringify({ type: 'node:done', runId: 5, nodeId: 'a', at: 3, durationMs: 2, cached: 'no', outputs: {} })}\n\n`,
    ];
    const api = new ApiClient(
      'http://x',
      'tok',
      async () => new Response(frames.join(''), { headers: { 'content-type': 'text/event-stream' } }),
    );
    const seen: string[] = [];
    const error = await followRunEvents(api, 5, (event) => seen.push(event.type), { retryMs: 1 }).catch((e: unknown) => e);
    expect(seen).toEqual(['run:start']);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'UNEXPECTED_ANSWER' });
    expect((error as ApiError).message).toContain('GET /api/runs/5/events');
    expect((error as ApiError).message).toContain('cached');
  });

  it('refuses an event that is not JSON', async () => {
    const api = new ApiClient(
      'http://x',
      'tok',
      async () => new Response('id: 1\ndata: {oops\n\n', { headers: { 'content-type': 'text/event-stream' } }),
    );
    const error = await followRunEvents(api, 5, () => {}, { retryMs: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNEXPECTED_ANSWER' });
  });
});
