import { ByteWriter } from 'hyparquet-writer/src/bytewriter.js';
import { serializeTCompactProtocol } from 'hyparquet-writer/src/thrift.js';
import { describe, expect, it } from 'vitest';
import { readParquet } from './read-parquet';

type Element = { field_1?: number; field_3?: number; field_4: string; field_5?: number };

/** A Parquet file that is only a footer: the given schema (thrift compact fields) and row count, no data. */
function footerOnly(schema: Element[], rows: number, rowGroups: unknown[] = []): Uint8Array {
  const writer = new ByteWriter();
  writer.appendUint32(0x31524150); // PAR1
  const start = writer.offset;
  serializeTCompactProtocol(writer, { field_1: 2, field_2: schema, field_3: BigInt(rows), field_4: rowGroups });
  writer.appendUint32(writer.offset - start);
  writer.appendUint32(0x31524150);
  return writer.getBytes();
}

const INT32 = 1;
const REQUIRED = 0;
const leaf = (name: string): Element => ({ field_1: INT32, field_3: REQUIRED, field_4: name });

describe('a hostile Parquet footer is refused before anything is allocated for it', () => {
  it('100,000 nested levels: INPUT_LIMIT naming the depth limit', async () => {
    const levels = 100_000;
    const schema: Element[] = [{ field_4: 'root', field_5: 1 }];
    for (let i = 0; i < levels; i++) schema.push({ field_3: REQUIRED, field_4: `g${i}`, field_5: 1 });
    schema.push(leaf('x'));
    const bytes = footerOnly(schema, 0);
    expect(bytes.length).toBeGreaterThan(500_000);
    const result = await readParquet(bytes, { maxDepth: 64, maxColumns: 1_000_000 });
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: 'INPUT_LIMIT',
      message: expect.stringMatching(/deeper than the limit of 64 levels \(input limit parquetDepth\)/),
    });
  });

  it('400,000 columns: INPUT_LIMIT naming the column limit', async () => {
    const columns = 400_000;
    const schema: Element[] = [{ field_4: 'root', field_5: columns }];
    for (let i = 0; i < columns; i++) schema.push(leaf(`c${i}`));
    const result = await readParquet(footerOnly(schema, 0), { maxColumns: 10_000 });
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: 'INPUT_LIMIT',
      message: expect.stringMatching(/declares 400000 columns .* limit of 10000 \(input limit parquetColumns\)/),
    });
  });

  it('a tiny footer claiming 2^31 - 1 rows and no data: INPUT_INVALID, not a table of zeros', async () => {
    const bytes = footerOnly([{ field_4: 'root', field_5: 1 }, leaf('x')], 2 ** 31 - 1);
    expect(bytes.length).toBeLessThan(64);
    const result = await readParquet(bytes);
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/claims 2147483647 rows but its row groups hold 0/),
    });
  });

  it('a row group claiming 2^31 - 1 rows in a few bytes of data: INPUT_INVALID', async () => {
    const chunk = {
      field_2: 4n,
      field_3: { field_1: INT32, field_2: [0], field_3: ['x'], field_4: 0, field_5: 10n, field_6: 12n, field_7: 12n, field_9: 4n },
    };
    const bytes = footerOnly([{ field_4: 'root', field_5: 1 }, leaf('x')], 2 ** 31 - 1, [
      { field_1: [chunk], field_2: 12n, field_3: BigInt(2 ** 31 - 1) },
    ]);
    const result = await readParquet(bytes);
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/row group 0 claims 2147483647 rows in 12 bytes/),
    });
  });
});

describe('a hostile Parquet page header is refused before its buffer is allocated', () => {
  it('a Snappy page claiming 2^31 - 1 bytes from 8 compressed: INPUT_INVALID naming both sizes', async () => {
    const compressed = new Uint8Array([0x04, 0x0c, 1, 0, 0, 0, 0, 0]);
    const writer = new ByteWriter();
    writer.appendUint32(0x31524150); // PAR1
    const pageStart = writer.offset;
    // PageHeader: DATA_PAGE, uncompressed and compressed sizes, a data page header of 1 PLAIN value.
    serializeTCompactProtocol(writer, {
      field_1: 0,
      field_2: 2 ** 31 - 1,
      field_3: compressed.length,
      field_5: { field_1: 1, field_2: 0, field_3: 3, field_4: 3 },
    });
    for (const byte of compressed) writer.appendUint8(byte);
    const chunkBytes = writer.offset - pageStart;
    const SNAPPY = 1;
    const chunk = {
      field_2: BigInt(pageStart),
      field_3: {
        field_1: INT32,
        field_2: [0],
        field_3: ['x'],
        field_4: SNAPPY,
        field_5: 1n,
        field_6: BigInt(chunkBytes),
        field_7: BigInt(chunkBytes),
        field_9: BigInt(pageStart),
      },
    };
    const footerStart = writer.offset;
    serializeTCompactProtocol(writer, {
      field_1: 2,
      field_2: [{ field_4: 'root', field_5: 1 }, leaf('x')],
      field_3: 1n,
      field_4: [{ field_1: [chunk], field_2: BigInt(chunkBytes), field_3: 1n }],
    });
    writer.appendUint32(writer.offset - footerStart);
    writer.appendUint32(0x31524150);
    const result = await readParquet(writer.getBytes());
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: 'INPUT_INVALID',
      message: 'The Parquet file is corrupt: a page claims 2147483647 bytes from 8 compressed with Snappy.',
    });
  });
});
