import { type ErrorCode, errorCatalog, UserError } from '@causeway/sdk';
import type { FromThread, ToThread } from './thread-protocol';

/** Calls a main-side service method for one run, from inside a run thread. */
export type HostCall = (service: string, method: string, args: unknown[]) => Promise<unknown>;

type HostReply = Extract<ToThread, { type: 'host-reply' }>;

/**
 * The thread side of host calls: posts `{ type: 'host-call' }` with a request id and settles the
 * promise when the matching `host-reply` comes back. Errors arrive as UserErrors with the main side's code.
 */
export class HostCallClient {
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private nextRequest = 0;

  constructor(private readonly post: (message: FromThread) => void) {}

  /** A {@link HostCall} bound to a run (and optionally a node). */
  forRun(runId: number, nodeKey?: string): HostCall {
    return (service, method, args) =>
      new Promise((resolve, reject) => {
        const requestId = this.nextRequest++;
        this.waiting.set(requestId, { resolve, reject });
        this.post({ type: 'host-call', requestId, runId, ...(nodeKey === undefined ? {} : { nodeKey }), service, method, args });
      });
  }

  /** Settles the call a reply answers; replies to unknown requests are ignored. */
  answer(reply: HostReply): void {
    const pending = this.waiting.get(reply.requestId);
    if (pending === undefined) return;
    this.waiting.delete(reply.requestId);
    if (reply.error === undefined) pending.resolve(reply.value);
    else {
      const code: ErrorCode = Object.hasOwn(errorCatalog, reply.error.code) ? reply.error.code : 'INTERNAL';
      pending.reject(new UserError(code, reply.error.message));
    }
  }
}
