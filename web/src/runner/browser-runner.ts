import type { RunEvent } from '@causeway/sdk';
import { proxy, type Remote, transfer, wrap } from 'comlink';
import type { RunnerApi, RunRequest } from './runner-protocol';

/**
 * The page's handle on the runner worker. The worker starts on first use, so opening the editor
 * costs nothing until a run.
 */
export class BrowserRunner {
  #remote: Remote<RunnerApi> | undefined;

  get remote(): Remote<RunnerApi> {
    this.#remote ??= wrap<RunnerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'causeway-runner' }));
    return this.#remote;
  }

  run(request: RunRequest, onEvent: (event: RunEvent) => void) {
    return this.remote.run(request, proxy(onEvent));
  }

  cancel(): Promise<void> {
    return this.remote.cancel();
  }

  preview(nodeId: string, portId: string, offset: number, limit: number) {
    return this.remote.preview(nodeId, portId, offset, limit);
  }

  profile(nodeId: string, portId: string) {
    return this.remote.profile(nodeId, portId);
  }

  /** Hands a file to the worker; its buffer moves there (transferred, not copied). */
  putFile(name: string, bytes: Uint8Array): Promise<void> {
    return this.remote.putFile(name, transfer(bytes, [bytes.buffer as ArrayBuffer]));
  }

  fileNames(): Promise<string[]> {
    return this.remote.fileNames();
  }
}
