import { CausewayError, type EventError, UserError } from '@causeway/sdk';
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { FromThread, ToThread } from './thread-protocol';

/** The run a host call comes from, as the main side knows it (never as the thread claims it). */
export interface HostCallRun {
  runId: number;
  graphId: string;
  graphVersion: number;
  nodeKey?: string;
}

/** One method a run thread may call on the main side; it validates its own arguments. */
export type HostCallHandler = (args: unknown[], run: HostCallRun) => Promise<unknown>;

/** Every service's methods, by service name then method name. */
export type HostCallHandlers = Record<string, Record<string, HostCallHandler>>;

/**
 * A handler whose arguments are checked by a zod tuple first: a thread's bad call becomes a
 * REQUEST_INVALID error, never a handler running on unchecked input.
 *
 * @example
 * const load = hostMethod(z.tuple([z.string(), z.number()]), ([name, version], run) => registry.load(name, version));
 */
export function hostMethod<S extends z.ZodType<unknown[]>>(
  args: S,
  handle: (args: z.output<S>, run: HostCallRun) => Promise<unknown>,
): HostCallHandler {
  return (raw, run) => {
    const parsed = args.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return Promise.reject(
        new UserError('REQUEST_INVALID', `Host call arguments are invalid at [${issue?.path.join('.') ?? ''}]: ${issue?.message ?? ''}`),
      );
    }
    return handle(parsed.data, run);
  };
}

type HostCall = Extract<FromThread, { type: 'host-call' }>;
type HostReply = Extract<ToThread, { type: 'host-reply' }>;

/**
 * Answers one host call: finds the service's method (own keys only), runs it for the run the main side
 * has on record, and turns a failure into `{ code, message }`; bugs are logged and answered generically.
 */
export async function answerHostCall(
  handlers: HostCallHandlers,
  call: HostCall,
  run: HostCallRun | undefined,
  logger: Logger,
): Promise<HostReply> {
  const reply = (error: EventError): HostReply => ({ type: 'host-reply', requestId: call.requestId, error });
  if (run === undefined) return reply({ code: 'INTERNAL', message: 'The run that made this call is no longer active here.' });
  const service = Object.hasOwn(handlers, call.service) ? handlers[call.service] : undefined;
  const method = service !== undefined && Object.hasOwn(service, call.method) ? service[call.method] : undefined;
  if (method === undefined) return reply({ code: 'INTERNAL', message: `This host offers no ${call.service}.${call.method}.` });
  try {
    const value = await method(Array.isArray(call.args) ? call.args : [], run);
    return { type: 'host-reply', requestId: call.requestId, value };
  } catch (error) {
    if (error instanceof CausewayError && error.code !== 'INTERNAL') return reply({ code: error.code, message: error.message });
    logger.error('host call failed', { service: call.service, method: call.method, run: run.runId, error: String(error) });
    return reply({ code: 'INTERNAL', message: `${call.service}.${call.method} failed on the server; see the server log.` });
  }
}

/** The buffers of the byte arrays in a reply (the value itself or its own properties), to transfer instead of copy. */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (v: unknown) => {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteLength === v.buffer.byteLength) buffers.add(v.buffer);
  };
  add(value);
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) for (const v of Object.values(value)) add(v);
  return [...buffers];
}
