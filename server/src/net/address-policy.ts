import { BlockList, isIP } from 'node:net';
import { parseEnvSettings } from '../settings/parse-env-settings';
import { embeddedIpv4 } from './embedded-ipv4';
import { httpSettingsSchema } from './http-settings';

/** Ranges no URL source may reach unless an operator allows them: name → CIDRs. */
const blockedRanges: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10'],
  'link-local (incl. cloud metadata)': ['169.254.0.0/16', 'fe80::/10'],
  'carrier-grade NAT': ['100.64.0.0/10'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  unspecified: ['0.0.0.0/8', '::/128'],
  reserved: ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4', '64:ff9b::/96', '64:ff9b:1::/48', '100::/64', '2001:db8::/32'],
};

function addCidr(list: BlockList, cidr: string): boolean {
  const [base = '', bits] = cidr.split('/');
  const family = isIP(base);
  if (family === 0) return false;
  const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(base, prefix, family === 4 ? 'ipv4' : 'ipv6');
  return true;
}

const blocked = Object.entries(blockedRanges).map(([name, cidrs]) => {
  const list = new BlockList();
  for (const cidr of cidrs) addCidr(list, cidr);
  return { name, list };
});

/**
 * Which addresses URL sources may reach: everything public, plus what the operator allows
 * (`CAUSEWAY_HTTP_ALLOW=host1,10.0.0.0/8`: host names, single addresses or CIDR ranges).
 */
export class AddressPolicy {
  readonly #hosts = new Set<string>();
  readonly #allowed = new BlockList();

  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      if (!addCidr(this.#allowed, entry)) this.#hosts.add(entry.replace(/^\[|\]$/g, ''));
    }
  }

  /** Reads the allow list from `CAUSEWAY_HTTP_ALLOW` (comma-separated). */
  static fromEnv(env: Record<string, string | undefined>): AddressPolicy {
    return new AddressPolicy((parseEnvSettings(httpSettingsSchema, env, 'HTTP settings').CAUSEWAY_HTTP_ALLOW ?? '').split(','));
  }

  /** Whether the operator allowed this host name outright. */
  allowsHost(hostname: string): boolean {
    return this.#hosts.has(hostname.toLowerCase());
  }

  /**
   * Why the address is refused (the name of its range), or undefined when it may be reached. An IPv6
   * address that carries an IPv4 address (mapped, NAT64, 6to4, Teredo …) is refused by that one too.
   */
  refusal(address: string): string | undefined {
    const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
    const family = isIP(ip);
    if (family === 0) return 'not an IP address';
    if (family === 4) return this.#refusalOf(ip, 'ipv4');
    for (const ipv4 of embeddedIpv4(ip)) {
      const range = this.#refusalOf(ipv4, 'ipv4');
      if (range !== undefined) return range;
    }
    return this.#refusalOf(ip, 'ipv6');
  }

  #refusalOf(ip: string, type: 'ipv4' | 'ipv6'): string | undefined {
    if (this.#allowed.check(ip, type)) return undefined;
    return blocked.find((range) => range.list.check(ip, type))?.name;
  }
}
