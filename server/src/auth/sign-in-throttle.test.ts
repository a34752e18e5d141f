import { expect, test } from 'vitest';
import { SignInThrottle } from './sign-in-throttle';

const eve = { name: 'eve', address: '203.0.113.1' };

test('sign-in is throttled per name after repeated failures, then allowed again after the window', () => {
  let now = 0;
  const throttle = new SignInThrottle({ perName: 3, perAddress: 100, windowMs: 60_000 }, () => now);
  for (let i = 0; i < 3; i++) {
    expect(throttle.retryAfterMs(eve)).toBe(0);
    throttle.failed({ name: 'eve', address: `198.51.100.${i}` });
    now += 1_000;
  }
  expect(throttle.retryAfterMs(eve)).toBe(57_000);
  expect(throttle.retryAfterMs({ name: 'other', address: eve.address })).toBe(0);
  now += 57_000;
  expect(throttle.retryAfterMs(eve)).toBe(0);
});

test('one address failing many names is throttled for every name, and a success does not clear it', () => {
  let now = 0;
  const throttle = new SignInThrottle({ perName: 3, perAddress: 5, windowMs: 60_000 }, () => now);
  for (let i = 0; i < 5; i++) throttle.failed({ name: `user-${i}`, address: eve.address });
  now += 1_000;
  expect(throttle.retryAfterMs({ name: 'fresh', address: eve.address })).toBe(59_000);
  throttle.succeeded({ name: 'mine', address: eve.address });
  expect(throttle.retryAfterMs({ name: 'fresh', address: eve.address })).toBe(59_000);
  expect(throttle.retryAfterMs({ name: 'fresh', address: '198.51.100.9' })).toBe(0);
});

test('failing other names from other addresses cannot reset a throttled name', () => {
  const throttle = new SignInThrottle({ perName: 3, perAddress: 3, windowMs: 60_000 }, () => 0, 100);
  for (let i = 0; i < 3; i++) throttle.failed({ name: 'victim', address: `198.51.100.${i}` });
  expect(throttle.retryAfterMs({ name: 'victim', address: '192.0.2.1' })).toBeGreaterThan(0);
  for (let i = 0; i < 1_000; i++) throttle.failed({ name: `filler-${i}`, address: `10.${i >> 8}.${i & 255}.1` });
  expect(throttle.retryAfterMs({ name: 'victim', address: '192.0.2.1' })).toBeGreaterThan(0);
});
