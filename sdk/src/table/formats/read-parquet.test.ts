import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../testkit/rows-of';
import { tableOf } from '../../testkit/table-of';
import { readArrow } from './read-arrow';
import { readParquet } from './read-parquet';
import { writeArrow } from './write-arrow';
import { writeParquet } from './write-parquet';

const typesOf = (table: { schema: { fields: { name: string; type: unknown }[] } }) =>
  table.schema.fields.map((f) => [f.name, String(f.type)]);

const sample = () =>
  tableOf({
    id: [1, 2, 3],
    x: [1.5, null, -2],
    ok: [true, false, null],
    city: ['NL', null, 'BE'],
  });

describe('readParquet', () => {
  it('reads what writeParquet wrote, with Arrow types', async () => {
    const r = await readParquet(writeParquet(sample()));
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(rowsOf(r.value)).toEqual(rowsOf(sample()));
    expect(typesOf(r.value).map(([name]) => name)).toEqual(['id', 'x', 'ok', 'city']);
    expect(typesOf(r.value)[1]).toEqual(['x', 'Float64']);
    expect(typesOf(r.value)[2]).toEqual(['ok', 'Bool']);
  });

  it('reads selected columns in the given order and names a missing one', async () => {
    const bytes = writeParquet(sample());
    const r = await readParquet(bytes, { columns: ['city', 'id'] });
    if (!r.ok) throw new Error(r.issues[0]?.message);
    expect(rowsOf(r.value)).toEqual([
      { city: 'NL', id: 1 },
      { city: null, id: 2 },
      { city: 'BE', id: 3 },
    ]);
    const missing = await readParquet(bytes, { columns: ['nope'] });
    expect(missing).toMatchObject({
      ok: false,
      issues: [{ code: 'INPUT_INVALID', message: 'The file has no column "nope"; it has id, x, ok, city.' }],
    });
  });

  it('refuses truncated, empty and non-Parquet bytes with INPUT_INVALID, never throwing', async () => {
    const bytes = writeParquet(sample());
    for (const cut of [0, 4, 11, bytes.length - 1, Math.floor(bytes.length / 2)]) {
      const r = await readParquet(bytes.subarray(0, cut));
      expect(r).toMatchObject({ ok: false, issues: [{ code: 'INPUT_INVALID' }] });
    }
    const text = await readParquet(new TextEncoder().encode('a,b\n1,2\n'));
    expect(text.ok).toBe(false);
  });

  it('refuses a footer whose column offsets point outside the file', async () => {
    const bytes = writeParquet(sample());
    const footerLength = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 8, 4).getUint32(0, true);
    const broken = bytes.slice();
    // Lengthen the footer claim: the metadata then starts inside column data and cannot decode sanely.
    new DataView(broken.buffer).setUint32(broken.length - 8, footerLength + 7, true);
    expect(await readParquet(broken)).toMatchObject({ ok: false, issues: [{ code: 'INPUT_INVALID' }] });
    const huge = bytes.slice();
    new DataView(huge.buffer).setUint32(huge.length - 8, 0x7fffffff, true);
    expect(await readParquet(huge)).toMatchObject({ ok: false, issues: [{ code: 'INPUT_INVALID' }] });
  });
});

describe('readArrow', () => {
  it('reads IPC file and stream formats back, zero-copy over the given bytes', () => {
    for (const format of ['file', 'stream'] as const) {
      const bytes = writeArrow(sample(), format);
      const r = readArrow(bytes);
      if (!r.ok) throw new Error(r.issues[0]?.message);
      expect(rowsOf(r.value)).toEqual(rowsOf(sample()));
      const x = r.value.getChild('x')?.data[0]?.values as Float64Array;
      expect(x.buffer).toBe(bytes.buffer);
    }
  });

  it('refuses empty, truncated and foreign bytes with INPUT_INVALID', () => {
    const bytes = writeArrow(sample());
    expect(readArrow(new Uint8Array(0))).toMatchObject({ ok: false, issues: [{ message: 'The file is empty.' }] });
    expect(readArrow(new TextEncoder().encode('{"a":1}\n')).ok).toBe(false);
    expect(readArrow(bytes.subarray(0, 40)).ok).toBe(false);
  });
});
