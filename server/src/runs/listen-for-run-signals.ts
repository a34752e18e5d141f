import pg from 'pg';
import type { Logger } from '../logger';
import { parseSignals, type RunBus, runChannel } from './run-bus';

/**
 * LISTENs on PostgreSQL for run signals from other processes and republishes them on the bus.
 * A lost connection is retried every second; meanwhile everyone falls back to polling.
 */
export function listenForRunSignals(url: string, bus: RunBus, logger: Logger): { close(): Promise<void> } {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    next.on('notification', (message) => {
      if (message.channel !== runChannel) return;
      for (const signal of parseSignals(message.payload ?? '')) bus.publish(signal);
    });
    next.on('error', () => reconnect(next));
    next.on('end', () => reconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${runChannel}`);
      client = next;
      if (closed) await next.end();
      // Whatever was missed while disconnected: have everyone look again.
      else bus.publish({ kind: 'queued' });
    } catch (error) {
      logger.warn('run signals: cannot listen', { error: error instanceof Error ? error.message : String(error) });
      reconnect(next);
    }
  };
  const reconnect = (which: pg.Client) => {
    if (closed || retry !== undefined) return;
    if (client === which) client = undefined;
    which.end().catch(() => {});
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, 1_000);
  };
  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
