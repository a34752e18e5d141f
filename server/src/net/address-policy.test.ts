import { describe, expect, it } from 'vitest';
import { AddressPolicy } from './address-policy';
import { embeddedIpv4 } from './embedded-ipv4';

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
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['0:0:0:0:0:ffff:127.0.0.1', 'loopback'],
    ['0000:0000:0000:0000:0000:FFFF:7F00:0001', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (incl. cloud metadata)'],
    ['::127.0.0.1', 'loopback'],
    ['::7f00:1', 'loopback'],
    ['::10.0.0.1', 'private'],
    ['::ffff:0:127.0.0.1', 'loopback'],
    ['::ffff:0:a00:1', 'private'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local (incl. cloud metadata)'],
    ['64:ff9b::8.8.8.8', 'reserved'],
    ['64:ff9b:1::808:808', 'reserved'],
    ['2002:7f00:1::', 'loopback'],
    ['2002:a9fe:a9fe::1', 'link-local (incl. cloud metadata)'],
    ['2002:c0a8:0101:1::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'loopback'],
    ['2001:0:7f00:1::1', 'loopback'],
    ['fe80::5efe:10.0.0.1', 'private'],
    ['2606:4700::5efe:127.0.0.1', 'loopback'],
    ['2606:4700::200:5efe:a9fe:a9fe', 'link-local (incl. cloud metadata)'],
    ['fec0::1', 'private'],
    ['fe80::1%eth0', 'link-local (incl. cloud metadata)'],
  ])('refuses %s (%s)', (address, range) => {
    expect(policy.refusal(address)).toBe(range);
  });

  it.each([
    '93.184.216.34',
    '172.32.0.1',
    '8.8.8.8',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '::8.8.8.8',
    '2002:808:808::1',
    '2001:0:808:808::f7f7:f7f7',
  ])('allows the public address %s', (address) => {
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

  it('an operator allowing an IPv4 range allows it in its IPv6 forms too, and nothing more', () => {
    const allowing = new AddressPolicy(['10.0.0.0/8']);
    expect(allowing.refusal('::ffff:10.1.2.3')).toBeUndefined();
    expect(allowing.refusal('2002:a01:203::1')).toBeUndefined();
    expect(allowing.refusal('2002:c0a8:101::1')).toBe('private');
  });

  it('finds the IPv4 address in every IPv6 form that carries one', () => {
    expect(embeddedIpv4('::ffff:10.0.0.1')).toEqual(['10.0.0.1']);
    expect(embeddedIpv4('::FFFF:a00:1')).toEqual(['10.0.0.1']);
    expect(embeddedIpv4('::a00:1')).toEqual(['10.0.0.1']);
    expect(embeddedIpv4('64:ff9b::a00:1')).toEqual(['10.0.0.1']);
    expect(embeddedIpv4('2002:a00:1::')).toEqual(['10.0.0.1']);
    // Teredo: the server in clear, the client with every bit inverted.
    expect(embeddedIpv4('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toEqual(['65.54.227.120', '192.0.2.45']);
    expect(embeddedIpv4('::1')).toEqual([]);
    expect(embeddedIpv4('::')).toEqual([]);
    expect(embeddedIpv4('2606:4700::1111')).toEqual([]);
    expect(embeddedIpv4('not an address')).toEqual([]);
  });
});
