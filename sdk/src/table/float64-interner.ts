const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);

/**
 * An open-addressing hash map from Float64 keys to dense ids (0, 1, 2 … in first-seen order), written
 * for the kernels' hot loops: no boxing, no Map. -0 equals 0 and every NaN equals every other NaN.
 *
 * @example
 * const ids = new Float64Interner();
 * ids.intern(2.5); // 0
 * ids.intern(7);   // 1
 * ids.find(2.5);   // 0
 * ids.find(3);     // -1
 */
export class Float64Interner {
  private keys: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private nanId = -1;
  /** How many distinct keys have been interned. */
  size = 0;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The id of `key`, adding it with the next id when it is new. */
  intern(key: number): number {
    if (Number.isNaN(key)) {
      if (this.nanId < 0) this.nanId = this.size++;
      return this.nanId;
    }
    const k = key === 0 ? 0 : key;
    const { keys, ids, mask } = this;
    let slot = hash(k) & mask;
    for (;;) {
      const id = ids[slot] as number;
      if (id < 0) {
        keys[slot] = k;
        const fresh = this.size++;
        ids[slot] = fresh;
        if (this.size * 2 > mask) this.grow();
        return fresh;
      }
      if (keys[slot] === k) return id;
      slot = (slot + 1) & mask;
    }
  }

  /** Takes the next id without binding it to a key (e.g. for a null group). */
  reserve(): number {
    return this.size++;
  }

  /** The id of `key`, or -1 when it was never interned. */
  find(key: number): number {
    if (Number.isNaN(key)) return this.nanId;
    const k = key === 0 ? 0 : key;
    const { keys, ids, mask } = this;
    let slot = hash(k) & mask;
    for (;;) {
      const id = ids[slot] as number;
      if (id < 0 || keys[slot] === k) return id;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIds = this.ids;
    const capacity = oldKeys.length * 2;
    this.keys = new Float64Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    for (let s = 0; s < oldKeys.length; s++) {
      const id = oldIds[s] as number;
      if (id < 0) continue;
      const k = oldKeys[s] as number;
      let slot = hash(k) & this.mask;
      while ((this.ids[slot] as number) >= 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = k;
      this.ids[slot] = id;
    }
  }
}

function hash(key: number): number {
  scratch[0] = key;
  let h = Math.imul((words[0] as number) ^ Math.imul(words[1] as number, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
