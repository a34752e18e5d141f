import { UserError } from '@causeway/sdk';
import { memorySecrets } from '@causeway/sdk/testkit';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { secretHostCalls } from '../secrets/secret-host-calls';
import { memoryLogger } from '../test-support/make-test-app';
import { answerHostCall, type HostCallHandlers, hostMethod, transferablesOf } from './host-calls';
import { HostCallClient } from './host-calls-client';
import type { FromThread } from './thread-protocol';

const run = { runId: 7, graphId: 'g', graphVersion: 3 };
const handlers: HostCallHandlers = {
  echo: {
    twice: hostMethod(z.tuple([z.number()]), async ([n], r) => ({ value: n * 2, run: r.runId })),
    refuse: hostMethod(z.tuple([]), async () => {
      throw new UserError('MODEL_VERSION_UNKNOWN', 'No model named "x" is registered.');
    }),
    crash: hostMethod(z.tuple([]), async () => {
      throw new Error('connection reset: password=hunter2');
    }),
  },
};
const call = (service: string, method: string, args: unknown[]) =>
  ({ type: 'host-call', requestId: 1, runId: 7, service, method, args }) as Extract<FromThread, { type: 'host-call' }>;

describe('host calls', () => {
  test('a call reaches its method with checked arguments and the run the main side knows', async () => {
    const reply = await answerHostCall(handlers, call('echo', 'twice', [21]), run, memoryLogger());
    expect(reply).toEqual({ type: 'host-reply', requestId: 1, value: { value: 42, run: 7 } });
  });

  test('bad arguments, unknown methods, inherited keys and finished runs are refused, not run', async () => {
    const logger = memoryLogger();
    const bad = await answerHostCall(handlers, call('echo', 'twice', ['21']), run, logger);
    expect(bad.error?.code).toBe('REQUEST_INVALID');
    for (const [service, method] of [
      ['echo', 'nope'],
      ['nope', 'twice'],
      ['echo', 'constructor'],
      ['__proto__', 'toString'],
    ] as const) {
      const reply = await answerHostCall(handlers, call(service, method, []), run, logger);
      expect(reply.error?.message, `${service}.${method}`).toMatch(/offers no/);
    }
    const gone = await answerHostCall(handlers, call('echo', 'twice', [1]), undefined, logger);
    expect(gone.error?.message).toMatch(/no longer active/);
  });

  test('user errors keep their code; bugs are logged and answered without their details', async () => {
    const logger = memoryLogger();
    expect((await answerHostCall(handlers, call('echo', 'refuse', []), run, logger)).error).toEqual({
      code: 'MODEL_VERSION_UNKNOWN',
      message: 'No model named "x" is registered.',
    });
    const crash = await answerHostCall(handlers, call('echo', 'crash', []), run, logger);
    expect(crash.error?.code).toBe('INTERNAL');
    expect(crash.error?.message).not.toContain('hunter2');
    expect(logger.lines.join('\n')).toContain('host call failed');
  });

  test('the thread side settles each call by request id and rebuilds errors with their code', async () => {
    const sent: FromThread[] = [];
    const client = new HostCallClient((message) => sent.push(message));
    const callFor = client.forRun(7);
    const first = callFor('echo', 'twice', [1]);
    const second = callFor('echo', 'refuse', []);
    const [a, b] = sent as Array<Extract<FromThread, { type: 'host-call' }>>;
    client.answer({ type: 'host-reply', requestId: b?.requestId ?? -1, error: { code: 'MODEL_VERSION_UNKNOWN', message: 'gone' } });
    client.answer({ type: 'host-reply', requestId: a?.requestId ?? -1, value: 2 });
    expect(await first).toBe(2);
    await expect(second).rejects.toMatchObject({ code: 'MODEL_VERSION_UNKNOWN', message: 'gone' });
  });

  test('secrets travel as host calls: a value comes back, an unknown name keeps its code', async () => {
    const store = memorySecrets({ warehouse: 'postgres://w' });
    const asOwner = { getAs: (name: string) => store.get(name) };
    const secrets = { secrets: secretHostCalls(asOwner, async () => ({ name: 'ada', role: 'analyst' })) };
    const logger = memoryLogger();
    expect((await answerHostCall(secrets, call('secrets', 'get', ['warehouse']), run, logger)).value).toBe('postgres://w');
    const unknown = await answerHostCall(secrets, call('secrets', 'get', ['nope']), run, logger);
    expect(unknown.error?.code).toBe('SECRET_UNKNOWN');
    expect((await answerHostCall(secrets, call('secrets', 'get', [42]), run, logger)).error?.code).toBe('REQUEST_INVALID');
  });

  test('byte arrays in a reply are transferred, views into a larger buffer are copied', () => {
    const onnx = new Uint8Array(8);
    const view = new Uint8Array(new ArrayBuffer(16), 4, 4);
    expect(transferablesOf({ onnx, card: {}, view })).toEqual([onnx.buffer]);
    expect(transferablesOf(onnx)).toEqual([onnx.buffer]);
    expect(transferablesOf(null)).toEqual([]);
  });
});
