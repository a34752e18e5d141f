import { expect, test } from 'vitest';
import type { EndpointState } from './endpoint-state';
import { EndpointStateCache } from './endpoint-state-cache';

test('the endpoint state cache holds at most its bound, for names that exist and names that do not', async () => {
  const loads: string[] = [];
  const state = (name: string) => ({ name, revision: 1 }) as unknown as EndpointState;
  const cache = new EndpointStateCache(
    async (name) => {
      loads.push(name);
      return name.startsWith('real') ? state(name) : undefined;
    },
    60_000,
    8,
  );
  let most = 0;
  for (let i = 0; i < 100; i++) {
    await cache.get(i % 2 === 0 ? `real-${i}` : `probe-${i}`);
    most = Math.max(most, cache.size);
  }
  expect(most).toBe(8);
  expect(loads).toHaveLength(100);
  // Within its time to live a cached name is not read again.
  await cache.get('real-98');
  expect(loads).toHaveLength(100);
});
