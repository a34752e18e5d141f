const c1 = 0x239b961b;
const c2 = 0xab0e9789;
const c3 = 0x38b34ae5;
const c4 = 0xa1e38b93;

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r));

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const word = (b: Uint8Array, i: number): number =>
  ((b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24)) >>> 0;

/**
 * MurmurHash3_x86_128 (Austin Appleby's reference algorithm) of `length` bytes of `data`: four
 * 32-bit words h1..h4, which the reference writes out little-endian in that order. Pure JS, so it
 * runs alike in browsers, workers and Node. Pass `out` to reuse an array instead of allocating one.
 *
 * @example
 * murmur128(new TextEncoder().encode('hello'), 5, 0) // Uint32Array [h1, h2, h3, h4]
 */
export function murmur128(data: Uint8Array, length: number, seed: number, out: Uint32Array = new Uint32Array(4)): Uint32Array {
  let h1 = seed >>> 0;
  let h2 = h1;
  let h3 = h1;
  let h4 = h1;
  const blocks = length - (length % 16);
  for (let i = 0; i < blocks; i += 16) {
    let k1 = word(data, i);
    let k2 = word(data, i + 4);
    let k3 = word(data, i + 8);
    let k4 = word(data, i + 12);
    k1 = Math.imul(rotl(Math.imul(k1, c1), 15), c2);
    h1 ^= k1;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    k2 = Math.imul(rotl(Math.imul(k2, c2), 16), c3);
    h2 ^= k2;
    h2 = (Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747) | 0;
    k3 = Math.imul(rotl(Math.imul(k3, c3), 17), c4);
    h3 ^= k3;
    h3 = (Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35) | 0;
    k4 = Math.imul(rotl(Math.imul(k4, c4), 18), c1);
    h4 ^= k4;
    h4 = (Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17) | 0;
  }
  const tail = length - blocks;
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  for (let j = tail - 1; j >= 0; j--) {
    const byte = (data[blocks + j] as number) << ((j % 4) * 8);
    if (j >= 12) k4 ^= byte;
    else if (j >= 8) k3 ^= byte;
    else if (j >= 4) k2 ^= byte;
    else k1 ^= byte;
  }
  if (tail > 12) h4 ^= Math.imul(rotl(Math.imul(k4, c4), 18), c1);
  if (tail > 8) h3 ^= Math.imul(rotl(Math.imul(k3, c3), 17), c4);
  if (tail > 4) h2 ^= Math.imul(rotl(Math.imul(k2, c2), 16), c3);
  if (tail > 0) h1 ^= Math.imul(rotl(Math.imul(k1, c1), 15), c2);
  h1 ^= length;
  h2 ^= length;
  h3 ^= length;
  h4 ^= length;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h3 = fmix(h3);
  h4 = fmix(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  out[0] = h1;
  out[1] = h2;
  out[2] = h3;
  out[3] = h4;
  return out;
}
