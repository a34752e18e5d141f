import { BlockList, isIP } from 'node:net';
import { parseEnvSettings } from '../settings/parse-env-settings';
import { httpSettingsSchema } from './http-settings';

/** Ranges no URL source may reach unless an operator allows them: name → CIDRs. */
const blockedRanges: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
  'link-local (incl. cloud metadata)': ['169.254.0.0/16', 'fe80::/10'],
  'carrier-grade NAT': ['100.64.0.0/10'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  unspecified: ['0.0.0.0/8', '::/128'],
  reserved: ['192.0.0.0/24', '198.18.0.0/15', '240.0.0.0/4', '64:ff9b::/96', '100::/64', '2001:db8::/32'],
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

/** `::ffff:a.b.c.d` (and its hex form) is the IPv4 address it wraps. */
export function unmapIp(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^(?:0{0,4}:){0,5}ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower.replace(/^::/, '0:0:0:0:0:'));
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:0{0,4}:){0,5}ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower.replace(/^::/, '0:0:0:0:0:'));
  if (hex?.[1] && hex[2]) {
    const hi = Number.parseInt(hex[1], 16);
    const lo = Number.parseInt(hex[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return address;
}

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

  /** Why the address is refused (the name of its range), or undefined when it may be reached. */
  refusal(address: string): string | undefined {
    const ip = unmapIp(address);
    const family = isIP(ip);
    if (family === 0) return 'not an IP address';
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (this.#allowed.check(ip, type)) return undefined;
    return blocked.find((range) => range.list.check(ip, type))?.name;
  }
}
