import { defineNode, port } from '@causeway/sdk';
import { runNode } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { announcingRuns, type InsideMessage, isInsideMessage } from './announce-runs';

const heard: InsideMessage[] = [];
const seenInside: Array<string | undefined> = [];

const echo = defineNode({
  type: '@acme/p/echo',
  version: 1,
  category: 'plugin',
  title: 'Echo',
  description: 'Gives back its input, or fails when told to.',
  inputs: { value: port.value(z.number()) },
  outputs: { value: port.value(z.number()) },
  config: z.object({ fail: z.boolean() }),
  infer: () => ({}),
  run: ({ inputs, config }) => {
    seenInside.push(heard.at(-1)?.nodeId);
    if (config.fail) throw new Error('told to fail');
    return { value: inputs.value };
  },
});

describe('announcing plugin runs to the page', () => {
  it('names the node before its code runs and clears it after, also when the code throws', async () => {
    const announced = announcingRuns(echo, (m) => heard.push(m));
    const { outputs } = await runNode(announced, { inputs: { value: 7 }, config: { fail: false } });
    expect(outputs.value).toBe(7);
    await expect(runNode(announced, { inputs: { value: 7 }, config: { fail: true } })).rejects.toThrow('told to fail');
    expect(seenInside.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(heard.map((m) => m.nodeId === undefined)).toEqual([false, true, false, true]);
    expect(heard.every(isInsideMessage)).toBe(true);
    expect(isInsideMessage({ id: 'x', type: 'RETURN' })).toBe(false);
  });
});
