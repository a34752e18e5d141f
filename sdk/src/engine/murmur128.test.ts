import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashKey } from './hash-key';
import { murmur128 } from './murmur128';

const bytesOf = (words: Uint32Array): Uint8Array => new Uint8Array(words.buffer, words.byteOffset, words.byteLength);

describe('murmur128', () => {
  it('passes the SMHasher verification test of MurmurHash3_x86_128 (0xB3ECE62A)', () => {
    // SMHasher: hash keys {}, {0}, {0,1} … {0..254} with seed 256 - n, then hash the 256 results with seed 0.
    const key = new Uint8Array(256);
    const hashes = new Uint8Array(16 * 256);
    for (let n = 0; n < 256; n++) {
      key[n] = n;
      hashes.set(bytesOf(murmur128(key, n, 256 - n)), n * 16);
    }
    const final = bytesOf(murmur128(hashes, hashes.length, 0));
    const verification = new DataView(final.buffer, final.byteOffset).getUint32(0, true);
    expect(verification.toString(16)).toBe('b3ece62a');
  });

  it('gives 0 for empty input with seed 0, as the reference does', () => {
    expect([...murmur128(new Uint8Array(0), 0, 0)]).toEqual([0, 0, 0, 0]);
  });
});

describe('hashKey', () => {
  it('is 32 hex digits and deterministic', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const a = hashKey(text);
        expect(a).toMatch(/^[0-9a-f]{32}$/);
        expect(hashKey(text)).toBe(a);
      }),
    );
  });

  it('hashes the UTF-8 bytes (non-ASCII and long strings)', () => {
    const text = `${'é🙂'.repeat(2000)}x`;
    const bytes = new TextEncoder().encode(text);
    const words = murmur128(bytes, bytes.length, 0);
    expect(hashKey(text)).toBe([...words].map((w) => w.toString(16).padStart(8, '0')).join(''));
  });

  it('has no collisions over 100,000 near-identical keys, in each 32-bit word', { timeout: 30_000 }, () => {
    const full = new Set<string>();
    const words = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const h = hashKey(`value.add\n1\n{"by":${i}}\nin:0123456789abcdef0123456789abcdef.value`);
      full.add(h);
      for (let w = 0; w < 4; w++) words[w]?.add(h.slice(w * 8, w * 8 + 8));
    }
    expect(full.size).toBe(n);
    // 100k draws from 2^32 give ~1.2 expected collisions per word; a weak lane would give many more.
    for (const set of words) expect(n - set.size).toBeLessThan(12);
  });

  it('flips about half of the output bits when one input bit flips (avalanche)', () => {
    const base = 'transform.filter\n1\n{"where":"age > 30"}\nin:00000000000000000000000000000000.table';
    const bits = (h: string) => [...h].map((c) => Number.parseInt(c, 16).toString(2).padStart(4, '0')).join('');
    const ref = bits(hashKey(base));
    let flipped = 0;
    let trials = 0;
    for (let i = 0; i < base.length; i++) {
      for (const mask of [1, 2, 4, 8, 16, 32]) {
        const changed = base.slice(0, i) + String.fromCharCode(base.charCodeAt(i) ^ mask) + base.slice(i + 1);
        const out = bits(hashKey(changed));
        for (let b = 0; b < 128; b++) if (out[b] !== ref[b]) flipped++;
        trials++;
      }
    }
    const ratio = flipped / (trials * 128);
    expect(ratio).toBeGreaterThan(0.48);
    expect(ratio).toBeLessThan(0.52);
  });
});
