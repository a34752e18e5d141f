// The built worker script's address only: no node code is imported into the page through it.
import workerUrl from './worker.ts?worker&url';

export const runnerWorkerUrl: string = workerUrl;
