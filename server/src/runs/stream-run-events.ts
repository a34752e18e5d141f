import type { SSEStreamingApi } from 'hono/streaming';
import { finishedStatuses } from './run-info';
import type { RunsHub } from './runs-hub';
import { Wakeup } from './wakeup';

const page = 500;

/**
 * Sends a run's stored events after `afterSeq` as server-sent events (`id` = the event's seq,
 * `event` = its type), then each new one as it is stored, and ends after `run:done`. New events are
 * noticed through bus signals, or by polling when none come (a worker in another process on PGlite).
 */
export async function streamRunEvents(stream: SSEStreamingApi, hub: RunsHub, runId: number, afterSeq: number): Promise<void> {
  const wake = new Wakeup();
  const off = hub.bus.subscribe((signal) => {
    if (signal.kind === 'events' && signal.runId === runId) wake.poke();
  });
  stream.onAbort(() => wake.poke());
  let last = afterSeq;
  try {
    while (!stream.aborted) {
      const events = await hub.runs.events(runId, last, page);
      for (const event of events) {
        await stream.writeSSE({ id: String(event.seq), event: event.type, data: JSON.stringify(event.data) });
        last = event.seq;
        if (event.type === 'run:done') return;
      }
      if (events.length === page) continue;
      if (events.length === 0) {
        // A run that ended without a closing event (or before this stream's position): nothing more will come.
        const run = await hub.runs.get(runId);
        if (run === undefined) return;
        if ((finishedStatuses as readonly string[]).includes(run.status) && (await hub.runs.events(runId, last, 1)).length === 0) return;
      }
      await wake.wait(hub.pollMs);
    }
  } finally {
    off();
  }
}
