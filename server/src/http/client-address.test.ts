import { describe, expect, it } from 'vitest';
import { addressOf } from './client-address';

describe('addressOf', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(addressOf('10.0.0.2', '203.0.113.9', false)).toBe('10.0.0.2');
  });

  it('takes the last entry, the one the trusted proxy appended', () => {
    expect(addressOf('10.0.0.2', '203.0.113.9, 198.51.100.7', true)).toBe('198.51.100.7');
    expect(addressOf('10.0.0.2', ['203.0.113.9', '2001:db8::1'], true)).toBe('2001:db8::1');
  });

  it('falls back to the socket when the header is missing or not an address', () => {
    expect(addressOf('10.0.0.2', undefined, true)).toBe('10.0.0.2');
    expect(addressOf('10.0.0.2', '203.0.113.9, not-an-ip', true)).toBe('10.0.0.2');
    expect(addressOf('10.0.0.2', '', true)).toBe('10.0.0.2');
  });
});
