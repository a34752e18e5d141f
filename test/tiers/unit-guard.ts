/**
 * Set-up of the `unit` tier: any attempt at I/O beyond reading files fails the test that made it,
 * so the tier stays fast because it cannot be otherwise, not because someone remembered.
 * A test that needs a database, a process, a thread or the network belongs in a `*.int.test.ts` file.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import workerThreads from 'node:worker_threads';
import { afterEach, vi } from 'vitest';

export const UNIT_TIER_IO = 'UNIT_TIER_IO';

// Code under test may catch the refusal (a driver retrying, a server logging it); the test still fails after it.
const refusals: string[] = [];

function refusal(what: string): Error {
  const error = new Error(`${UNIT_TIER_IO}: a unit test ${what}. Tests that need I/O go in a *.int.test.ts file (integration tier).`);
  refusals.push(error.message);
  return error;
}

function refuse(what: string): never {
  throw refusal(what);
}

afterEach(() => {
  const first = refusals[0];
  refusals.length = 0;
  if (first !== undefined) throw new Error(first);
});

const processStarters = ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'] as const;
for (const name of processStarters) {
  Object.assign(childProcess, { [name]: () => refuse(`started a process (child_process.${name})`) });
}
Object.assign(workerThreads, {
  Worker: class RefusedWorker {
    constructor() {
      refuse('started a worker thread');
    }
  },
});
// Named imports of built-in modules (`import { spawn } from 'node:child_process'`) see the replacements too.
syncBuiltinESMExports();

// The socket fails as an unreachable host would, so a client that waits for it gives up at once.
net.Socket.prototype.connect = function refusedConnect(this: net.Socket) {
  const error = refusal('opened a network connection');
  process.nextTick(() => this.destroy(error));
  return this;
};
net.Server.prototype.listen = () => refuse('listened on a port');
globalThis.fetch = async () => refuse('called fetch');

vi.mock(import('@electric-sql/pglite'), async (importOriginal) => {
  class RefusedPGlite {
    static async create(): Promise<never> {
      refuse('opened a PGlite database');
    }
    constructor() {
      refuse('opened a PGlite database');
    }
  }
  return { ...(await importOriginal()), PGlite: RefusedPGlite as never };
});
