import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromThread, ThreadData, ToThread } from './thread-protocol';

// A path, not `new URL(…, import.meta.url)`, which bundlers would try to inline as a worker chunk.
const entry = join(dirname(fileURLToPath(import.meta.url)), 'run-thread-entry.mjs');

/**
 * One worker thread that runs graphs, one at a time. It reports messages to `onMessage` and its
 * death (crash, runaway node terminated, out of memory) to `onExit`; it is never restarted in place.
 */
export class RunThread {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  exited = false;

  constructor(data: ThreadData, onMessage: (message: FromThread) => void, onExit: (reason: string) => void) {
    this.worker = new Worker(entry, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    let lastError = '';
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (message: FromThread) => {
        if (message.type === 'ready') resolve();
        else onMessage(message);
      });
      this.worker.on('error', (error) => {
        lastError = error instanceof Error ? error.message : String(error);
        reject(error);
      });
      this.worker.on('exit', (code) => {
        this.exited = true;
        reject(new Error(`run thread exited with code ${code} before it was ready: ${lastError}`));
        onExit(lastError === '' ? `the worker thread exited with code ${code}` : `the worker thread crashed: ${lastError}`);
      });
    });
    // A thread that dies after start-up rejects nobody; the rejection is handled here.
    this.ready.catch(() => {});
  }

  send(message: ToThread, transfer: ArrayBuffer[] = []): void {
    if (!this.exited) this.worker.postMessage(message, transfer);
  }

  /** Stops the thread at once, whatever it is doing. */
  async terminate(): Promise<void> {
    if (!this.exited) await this.worker.terminate();
  }
}
