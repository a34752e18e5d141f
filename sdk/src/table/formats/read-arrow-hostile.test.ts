import { MessageReader, tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { readArrow } from './read-arrow';

const rows = 12_345;
const table = tableFromArrays({
  x: Float64Array.from({ length: rows }, (_, i) => i),
  s: Array.from({ length: rows }, (_, i) => `v${i}`),
});

/** The IPC bytes with every little-endian int64 equal to `from` (row counts, body lengths) set to `to`. */
function patched(format: 'file' | 'stream', from: number, to: number): Uint8Array {
  const bytes = tableToIPC(table, format).slice();
  const view = new DataView(bytes.buffer);
  let hits = 0;
  for (let i = 0; i + 8 <= bytes.length; i++)
    if (view.getBigInt64(i, true) === BigInt(from)) {
      view.setBigInt64(i, BigInt(to), true);
      hits++;
    }
  expect(hits).toBeGreaterThan(0);
  return bytes;
}

function issueOf(bytes: Uint8Array) {
  const result = readArrow(bytes);
  return result.ok ? { rows: result.value.numRows } : result.issues[0];
}

describe.each(['file', 'stream'] as const)('a hostile Arrow %s is refused, not read as phantom rows', (format) => {
  it('reads the untouched file', () => {
    expect(issueOf(tableToIPC(table, format))).toEqual({ rows });
  });

  it('a batch claiming 2^31 - 1 rows over 12,345 rows of bytes: INPUT_INVALID naming the bytes present', () => {
    const bytes = patched(format, rows, 2 ** 31 - 1);
    expect(issueOf(bytes)).toMatchObject({
      code: 'INPUT_INVALID',
      message: `The Arrow file is corrupt: it claims 2147483647 rows in ${bytes.length} bytes.`,
    });
  });

  it('a batch claiming more rows than its buffers hold: INPUT_INVALID naming the column', () => {
    expect(issueOf(patched(format, rows, 20_000))).toMatchObject({
      code: 'INPUT_INVALID',
      message: 'The Arrow file is corrupt: column "x" in batch 0 claims 20000 rows but its buffers hold 12345 values.',
    });
  });

  it('a body declared longer than the file: INPUT_INVALID', () => {
    const result = readArrow(patched(format, bodyLength(), bodyLength() * 4));
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/Expected to read \d+ bytes for message body, but only read \d+/),
    });
  });

  it('a truncated file: INPUT_INVALID', () => {
    const bytes = tableToIPC(table, format);
    const result = readArrow(bytes.slice(0, Math.floor(bytes.length / 2)));
    expect(result.ok ? undefined : result.issues[0]?.code).toBe('INPUT_INVALID');
  });
});

/** The body length of the one record batch, as its message declares it. */
function bodyLength(): number {
  const reader = new MessageReader(tableToIPC(table, 'stream'));
  for (let message = reader.readMessage(); message; message = reader.readMessage()) {
    if (message.isRecordBatch()) return Number(message.bodyLength);
    reader.readMessageBody(message.bodyLength);
  }
  throw new Error('no record batch');
}
