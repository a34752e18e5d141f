import { describe, expect, it } from 'vitest';
import { parseCsvStream } from './parse-csv-stream';

/** A CSV whose line `at` (1-based, after a header) never ends: 64 KiB chunks of `x`, counted as they are pulled. */
function endlessLine(at: number, pulled: { bytes: number }, cap = 500 * 2 ** 20) {
  return () =>
    (async function* () {
      const head = new TextEncoder().encode(`a,b\n${'1,2\n'.repeat(at - 2)}3,`);
      pulled.bytes += head.length;
      yield head;
      const chunk = new Uint8Array(65_536).fill(120);
      while (pulled.bytes < cap) {
        pulled.bytes += chunk.length;
        yield chunk;
      }
    })();
}

describe('a CSV line longer than maxLineBytes', () => {
  it('is refused with INPUT_LIMIT naming the line, having read about the limit and no more', async () => {
    const pulled = { bytes: 0 };
    const result = await parseCsvStream(endlessLine(5, pulled), { maxLineBytes: 4 * 2 ** 20 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ code: 'INPUT_LIMIT', path: ['line', 5] });
    expect(result.issues[0]?.message).toMatch(/Line 5 is longer than the limit of 4194304 bytes/);
    // Reading stopped near the limit: nowhere near the 500 MB the line would take.
    expect(pulled.bytes).toBeLessThan(4 * 2 ** 20 + 2 ** 20 + 65_536 * 2);
  });

  it('is refused in the header too', async () => {
    const pulled = { bytes: 0 };
    const header = () =>
      (async function* () {
        const chunk = new Uint8Array(65_536).fill(120);
        while (pulled.bytes < 500 * 2 ** 20) {
          pulled.bytes += chunk.length;
          yield chunk;
        }
      })();
    const result = await parseCsvStream(header, { maxLineBytes: 2 ** 20 });
    expect(result.ok ? undefined : result.issues[0]).toMatchObject({ code: 'INPUT_LIMIT', path: ['line', 1] });
    expect(pulled.bytes).toBeLessThan(2 * 2 ** 20 + 2 * 65_536);
  });

  it('a line just under the limit is read', async () => {
    const long = 'y'.repeat(2 ** 20 - 10);
    const text = `a,b\n1,${long}\n`;
    const result = await parseCsvStream(
      () =>
        (async function* () {
          yield new TextEncoder().encode(text);
        })(),
      { maxLineBytes: 2 ** 20 },
    );
    expect(result.ok && result.value.table.numRows).toBe(1);
  });
});
