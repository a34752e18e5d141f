// A scheduler process for the multi-process test: its clock moves only when the parent says (IPC).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/database';
import { ManualClock } from './clock';
import { Scheduler } from './scheduler';

/** What the parent sends. */
export type ToChild = { type: 'tick'; now: number } | { type: 'stop' };
/** What the child answers. */
export type FromChild = { type: 'ready' } | { type: 'ticked'; now: number; started: number[] } | { type: 'error'; message: string };

const [url = '', schedulerId = '', graceMs = '60000'] = process.argv.slice(2);
const send = (message: FromChild) => process.send?.(message);
// A bare pool (not connectDatabase) keeps this process small: it starts in about a second.
const int8 = 20;
const pool = new pg.Pool({
  connectionString: url,
  max: 2,
  types: {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === int8 ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  },
});
pool.on('error', () => {});
// Checked-out clients emit only on themselves (see connectDatabase).
pool.on('connect', (client) => client.on('error', () => {}));
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
const clock = new ManualClock(0);
const scheduler = new Scheduler({
  db,
  logger: {
    info: () => {},
    warn: (message, fields) => console.error(message, fields),
    error: (message, fields) => console.error(message, fields),
  },
  runDefaults: { maxAttempts: 2, timeoutMs: 60_000 },
  post: async () => {},
  publicUrl: undefined,
  clock,
  schedulerId,
  graceMs: Number(graceMs),
  seed: 'multi-process',
});

// Ticks one at a time, in the order the parent sent them.
let queue = Promise.resolve();
process.on('message', (message: ToChild) => {
  if (message.type === 'stop') {
    void queue.then(() => db.destroy()).then(() => process.exit(0));
    return;
  }
  queue = queue.then(async () => {
    try {
      clock.set(message.now);
      const result = await scheduler.tick();
      send({ type: 'ticked', now: message.now, started: result.started });
    } catch (error) {
      send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  });
});
send({ type: 'ready' });
