import { murmur128 } from './murmur128';

const encoder = new TextEncoder();
let scratch = new Uint8Array(1024);

const words = new Uint32Array(4);
const byteHex = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hex(n: number): string {
  return (
    (byteHex[n >>> 24] as string) +
    (byteHex[(n >>> 16) & 255] as string) +
    (byteHex[(n >>> 8) & 255] as string) +
    (byteHex[n & 255] as string)
  );
}

/**
 * A 128-bit hash of a string as 32 hex digits (MurmurHash3_x86_128 of its UTF-8 bytes): fast,
 * runs in browsers and Node, and collisions between distinct keys are practically impossible.
 * It is not a cryptographic hash: a host that shares one cache between tenants keeps a cache per tenant.
 *
 * @example
 * hashKey('value.add\n1\n{"by":1}') // '5f0c…' (32 hex digits)
 */
export function hashKey(text: string): string {
  // UTF-8 takes at most 3 bytes per UTF-16 code unit.
  if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  murmur128(scratch, written, 0, words);
  return hex(words[0] as number) + hex(words[1] as number) + hex(words[2] as number) + hex(words[3] as number);
}
