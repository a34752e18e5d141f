import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../testkit/rows-of';
import { readJson } from './read-json';
import { readJsonStream } from './read-json-stream';

const encode = (text: string) => new TextEncoder().encode(text);

async function* chunksOf(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** The streamed result as comparable data: rows and types, or the issues. */
async function streamed(bytes: Uint8Array, size: number) {
  const r = await readJsonStream(chunksOf(bytes, size));
  return r.ok ? { rows: rowsOf(r.value), types: r.value.schema.fields.map((f) => String(f.type)) } : { issues: r.issues };
}

function whole(bytes: Uint8Array) {
  const r = readJson(bytes);
  return r.ok ? { rows: rowsOf(r.value), types: r.value.schema.fields.map((f) => String(f.type)) } : { issues: r.issues };
}

const inputs = [
  '\uFEFF{"a":1,"s":"é€"}\r\n\r\n{"a":2,"b":"2024-01-02T10:00:00Z","s":"😀"}\n{"a":3}',
  '\n\n  {"k":"x"}\n{"k":"y"}\n',
  '{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n',
  '{"a":1}\n[1,2]\n',
  '[{"a":1},{"a":2,"b":"z"}]',
  '  \n ',
  '{"a":1}\n\xff\n',
];

describe('readJsonStream', () => {
  it('gives what readJson gives, for every chunk size: rows, types, errors and their lines', async () => {
    for (const text of inputs) {
      const bytes = text.includes('\xff') ? Uint8Array.from([...encode('{"a":1}\n'), 0xff, 10]) : encode(text);
      const expected = whole(bytes);
      for (let size = 1; size <= bytes.length; size++) {
        expect({ text, size, got: await streamed(bytes, size) }).toEqual({ text, size, got: expected });
      }
    }
  });

  it('names the line of a syntax error far into the stream', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `{"i":${i}}`);
    lines[4321] = '{"i":';
    const r = await readJsonStream(chunksOf(encode(lines.join('\n')), 4096));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toEqual(['line', 4322, 'column', 6]);
  });
});
