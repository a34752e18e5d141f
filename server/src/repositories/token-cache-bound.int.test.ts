import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../test-support/make-test-app';
import { TokensRepository } from './tokens-repository';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t?.close();
});

test('the token lookup cache holds at most its bound, however many tokens are looked up', async () => {
  const tokens = new TokensRepository(t.handle.db, 5);
  const created = [];
  for (let i = 0; i < 40; i++) created.push(await tokens.create({ name: `client-${i}`, role: 'client', createdBy: null }));
  let most = 0;
  for (const { token, info } of created) {
    expect((await tokens.findActive(token))?.id).toBe(info.id);
    most = Math.max(most, tokens.cached);
  }
  expect(most).toBe(5);
  // A cached token still answers from the cache, and one evicted from it from the database.
  expect((await tokens.findActive(created.at(-1)?.token as string))?.name).toBe('client-39');
  expect((await tokens.findActive(created[0]?.token as string))?.name).toBe('client-0');
});
