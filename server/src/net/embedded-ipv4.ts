import { isIPv4, isIPv6 } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (zone index dropped), or undefined when it is not one. */
export function ipv6Groups(address: string): number[] | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIPv6(bare)) return undefined;
  // The WHATWG URL parser writes any IPv6 form (embedded dotted quad, leading zeros, `::`) as hex groups.
  const hex = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  const [head = '', tail] = hex.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * Every IPv4 address an IPv6 address carries, by the forms a packet can take to reach it:
 * IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`),
 * NAT64 (`64:ff9b::/96`), 6to4 (`2002::/16`), Teredo (`2001::/32`: server and client) and ISATAP.
 */
export function embeddedIpv4(address: string): string[] {
  if (isIPv4(address)) return [address];
  const g = ipv6Groups(address);
  if (g === undefined) return [];
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const last = dotted(g6, g7);
  const found: string[] = [];
  const zeroUpTo = (end: number) => g.slice(0, end).every((group) => group === 0);
  if (zeroUpTo(5) && g5 === 0xffff) found.push(last);
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) found.push(last);
  // `::` and `::1` are IPv6's own unspecified and loopback addresses, checked as such.
  if (zeroUpTo(6) && (g6 !== 0 || g7 > 1)) found.push(last);
  if (g0 === 0x64 && g1 === 0xff9b) found.push(last);
  if (g0 === 0x2002) found.push(dotted(g1, g2));
  if (g0 === 0x2001 && g1 === 0) found.push(dotted(g2, g3), dotted(g6 ^ 0xffff, g7 ^ 0xffff));
  if ((g4 & 0xfdff) === 0 && g5 === 0x5efe) found.push(last);
  return found;
}
