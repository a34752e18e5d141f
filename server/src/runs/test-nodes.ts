import { isMainThread } from 'node:worker_threads';
import { createBuiltinRegistry } from '@causeway/nodes';
import { defineNode, type NodeRegistry, port } from '@causeway/sdk';
import { z } from 'zod';

// Node types for tests and the runs benchmark; worker threads load them with CAUSEWAY_REGISTRY_MODULE.

const constant = defineNode({
  type: 'test.constant',
  version: 1,
  category: 'transform',
  title: 'Constant',
  description: 'Outputs a number.',
  inputs: {},
  outputs: { out: port.value(z.number()) },
  config: z.object({ value: z.number() }),
  run: async ({ config }) => ({ out: config.value }),
});

const slow = defineNode({
  type: 'test.slow',
  version: 1,
  category: 'transform',
  title: 'Slow',
  description: 'Waits `ms` (stopping early when aborted, unless `stubborn`), logging as it starts.',
  inputs: { in: port.value(z.number(), { optional: true }) },
  outputs: { out: port.value(z.number()) },
  config: z.object({ ms: z.number().int().min(0), stubborn: z.boolean().default(false) }),
  run: async ({ inputs, config, ctx }) => {
    ctx.log('info', `waiting ${config.ms} ms`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, config.ms);
      if (!config.stubborn)
        ctx.signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
    });
    return { out: (inputs.in ?? 0) + 1 };
  },
});

const fail = defineNode({
  type: 'test.fail',
  version: 1,
  category: 'transform',
  title: 'Fail',
  description:
    'Throws, or with `crash` kills its thread from outside the engine, with `exit` ends its thread without a word, or with `spin` never returns.',
  inputs: { in: port.value(z.number(), { optional: true }) },
  outputs: { out: port.value(z.number()) },
  config: z.object({ mode: z.enum(['throw', 'crash', 'exit', 'spin']).default('throw') }),
  run: async ({ config }) => {
    if (config.mode === 'crash') {
      setTimeout(() => {
        throw new Error('boom outside the engine');
      }, 0);
      await new Promise(() => {});
    }
    if (config.mode === 'exit') process.exit(3);
    if (config.mode === 'spin') for (;;);
    throw new Error('this node always fails');
  },
});

const output = defineNode({
  type: 'test.output',
  version: 1,
  category: 'transform',
  title: 'Output',
  description: 'Outputs a value of a chosen shape: JSON of about `bytes` bytes, a big integer, or a value that refers to itself.',
  inputs: {},
  outputs: { out: port.value(z.unknown()) },
  config: z.object({ shape: z.enum(['json', 'bigint', 'cycle']), bytes: z.number().int().min(0).max(100_000_000).default(10) }),
  run: async ({ config }) => {
    if (config.shape === 'bigint') return { out: { total: 2n ** 70n } };
    if (config.shape === 'cycle') {
      const value: Record<string, unknown> = { name: 'loop' };
      value.self = value;
      return { out: value };
    }
    return { out: { text: 'x'.repeat(config.bytes), numbers: [1, 2.5, -3] } };
  },
});

const offMain = defineNode({
  type: 'test.off-main',
  version: 1,
  category: 'transform',
  title: 'Off the main thread',
  description: "Fails when it runs on the process's main thread (where the API answers requests).",
  inputs: {},
  outputs: { out: port.value(z.number()) },
  config: z.object({}),
  run: async () => {
    if (isMainThread) throw new Error("ran on the process's main thread");
    return { out: 1 };
  },
});

/** The built-in nodes plus the test nodes. */
export function createRegistry(): NodeRegistry {
  return createBuiltinRegistry().add(constant, slow, fail, output, offMain);
}
