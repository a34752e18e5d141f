import { describe, expect, it } from 'vitest';
import { AddressPolicy, unmapIp } from './address-policy';

describe('AddressPolicy', () => {
  const policy = new AddressPolicy();

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fd00::1', 'private'],
    ['169.254.169.254', 'link-local (incl. cloud metadata)'],
    ['fe80::1', 'link-local (incl. cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local (incl. cloud metadata)'],
  ])('refuses %s (%s)', (address, range) => {
    expect(policy.refusal(address)).toBe(range);
  });

  it.each(['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(policy.refusal(address)).toBeUndefined();
  });

  it('lets an operator allow ranges, single addresses and host names', () => {
    const allowing = AddressPolicy.fromEnv({ CAUSEWAY_HTTP_ALLOW: 'data.internal, 10.0.0.0/8,127.0.0.1' });
    expect(allowing.refusal('10.9.9.9')).toBeUndefined();
    expect(allowing.refusal('127.0.0.1')).toBeUndefined();
    expect(allowing.refusal('127.0.0.2')).toBe('loopback');
    expect(allowing.refusal('192.168.0.1')).toBe('private');
    expect(allowing.allowsHost('DATA.internal')).toBe(true);
    expect(allowing.allowsHost('other.internal')).toBe(false);
  });

  it('unwraps IPv4-mapped IPv6 addresses', () => {
    expect(unmapIp('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(unmapIp('::FFFF:a00:1')).toBe('10.0.0.1');
    expect(unmapIp('2001:db8::1')).toBe('2001:db8::1');
  });
});
