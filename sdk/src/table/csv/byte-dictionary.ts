import { growInt32, growUint8 } from './grow';

/**
 * A set of distinct byte strings, looked up by hashing the bytes in place: a category column gets
 * its codes without a JS string per cell.
 */
export class ByteDictionary {
  data: Uint8Array = new Uint8Array(1024);
  offsets: Int32Array = new Int32Array(64);
  size = 0;
  private hashes: Int32Array = new Int32Array(64);
  private slots = new Int32Array(256);
  private mask = 255;

  /** The entry index of bytes[start, end), added when new. */
  codeOf(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
    return this.codeOfHashed(bytes, start, end, h);
  }

  /** As {@link codeOf}, with the FNV-1a hash of the bytes already computed. */
  codeOfHashed(bytes: Uint8Array, start: number, end: number, h: number): number {
    const offsets = this.offsets;
    const data = this.data;
    const length = end - start;
    let slot = h & this.mask;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === h) {
        const from = offsets[entry] as number;
        if ((offsets[entry + 1] as number) - from === length) {
          let same = true;
          for (let k = 0; k < length; k++) {
            if (data[from + k] !== bytes[start + k]) {
              same = false;
              break;
            }
          }
          if (same) return entry;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    return this.add(bytes, start, end, h, slot);
  }

  private add(bytes: Uint8Array, start: number, end: number, h: number, slot: number): number {
    const entry = this.size++;
    const from = this.offsets[entry] as number;
    this.data = growUint8(this.data, from, from + end - start);
    this.data.set(bytes.subarray(start, end), from);
    this.offsets = growInt32(this.offsets, entry + 1, entry + 2);
    this.offsets[entry + 1] = from + end - start;
    this.hashes = growInt32(this.hashes, entry, entry + 1);
    this.hashes[entry] = h;
    this.slots[slot] = entry + 1;
    if (this.size * 2 > this.mask) this.rehash();
    return entry;
  }

  private rehash(): void {
    const capacity = (this.mask + 1) * 2;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = (this.hashes[entry] as number) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry + 1;
    }
  }
}
