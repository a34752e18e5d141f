import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultNullTokens } from './csv-options';
import { parseCsv } from './parse-csv';
import { parseCsvStream } from './parse-csv-stream';

type Cell = string | null;

/** A deliberately naive RFC 4180 reader, one character at a time, to check the fast one against. */
function referenceParse(text: string, delimiter: string): Cell[][] {
  const nulls = new Set(defaultNullTokens);
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  let fieldStarted = false;
  const endField = () => {
    let value = field;
    if (!quoted && value.endsWith('\r')) value = value.slice(0, -1);
    row.push(!quoted && nulls.has(value) ? null : value);
    field = '';
    quoted = false;
    fieldStarted = false;
  };
  const endRow = () => {
    endField();
    // Blank lines are skipped.
    if (!(row.length === 1 && row[0] === null)) rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && !fieldStarted) {
      quoted = true;
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r' && quoted && text[i + 1] === '\n') {
      // CRLF after a closing quote
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (fieldStarted || row.length > 0) endRow();
  return rows;
}

const alphabet = ['a', 'b', 'Z', ' ', ',', ';', '"', '\n', '\r', 'é', '😀', 'N', 'A', '?', 'x'];
const cellText = fc.oneof(
  fc.constantFrom('', 'NA', 'null', '?', 'NaN'),
  fc.array(fc.constantFrom(...alphabet), { maxLength: 6 }).map((cs) => cs.join('')),
);

/** Random CSV text: header a1…an, cells quoted when they must be and sometimes when they need not be. */
const csvText = fc
  .record({
    columns: fc.integer({ min: 2, max: 4 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
    crlf: fc.boolean(),
    trailingNewline: fc.boolean(),
    cells: fc.array(fc.tuple(cellText, fc.boolean()), { minLength: 0, maxLength: 120 }),
  })
  .map(({ columns, delimiter, crlf, trailingNewline, cells }) => {
    const eol = crlf ? '\r\n' : '\n';
    const lines = [Array.from({ length: columns }, (_, i) => `a${i + 1}`).join(delimiter)];
    for (let r = 0; r + columns <= cells.length; r += columns) {
      const fields = cells.slice(r, r + columns).map(([text, quoteAnyway]) => {
        const must = /["\n\r]/.test(text) || text.includes(delimiter);
        return must || quoteAnyway ? `"${text.replaceAll('"', '""')}"` : text;
      });
      lines.push(fields.join(delimiter));
    }
    return { text: lines.join(eol) + (trailingNewline ? eol : ''), delimiter };
  });

function cellsOf(bytes: Uint8Array, delimiter: string): Cell[][] {
  const r = parseCsv(bytes, { delimiter, header: true });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value.table.toArray().map((row) => Object.values(row.toJSON()) as Cell[]);
}

describe('parseCsv against a naive reference reader', () => {
  it('gives the same cells on random CSVs with quotes, delimiters, line breaks and nulls', () => {
    fc.assert(
      fc.property(csvText, ({ text, delimiter }) => {
        const expected = referenceParse(text, delimiter).slice(1);
        expect(cellsOf(new TextEncoder().encode(text), delimiter)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('reads numbers exactly as Number() does, and infers integer or number', () => {
    const numberText = fc.oneof(
      fc.integer().map(String),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 12 })).map(([d, k]) => d.toFixed(k)),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => d.toExponential()),
      fc.constant(''),
    );
    fc.assert(
      fc.property(fc.array(numberText, { minLength: 1, maxLength: 60 }), (values) => {
        const r = parseCsv(new TextEncoder().encode(`v\n${values.join('\n')}\nNA\n`), { header: true, delimiter: ',' });
        if (!r.ok) throw new Error(JSON.stringify(r.issues));
        const present = values.filter((v) => v !== '');
        const column = r.value.table.getChild('v');
        expect(column?.toArray().length ?? 0).toBe(present.length + 1);
        const whole = (t: string) => /^-?\d+$/.test(t) && !Object.is(Number(t), -0);
        // An integer a double would round makes the column Int64 (all whole) or exact text.
        if (present.some((t) => whole(t) && !Number.isSafeInteger(Number(t)))) {
          // Int64 when every value is whole and within Int64; else exact text (plain or dictionary-encoded).
          const int64 = present.every((t) => whole(t) && BigInt.asIntN(64, BigInt(t)) === BigInt(t));
          if (int64) expect(String(column?.type)).toBe('Int64');
          else expect(String(column?.type)).toMatch(/^(Utf8|Dictionary<Int32, Utf8>)$/);
          for (const [i, text] of present.entries()) expect(column?.get(i)).toBe(int64 ? BigInt(text) : text);
          return;
        }
        for (const [i, text] of present.entries()) expect(column?.get(i)).toBe(Number(text));
        const allInt = present.length === 0 || present.every((t) => whole(t) && Number(t) >= -2147483648 && Number(t) <= 2147483647);
        if (present.length > 0) expect(String(column?.type)).toBe(allInt ? 'Int32' : 'Float64');
      }),
      { numRuns: 300 },
    );
  });
});

async function* chunked(bytes: Uint8Array, cuts: number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
  yield bytes.subarray(from);
}

describe('parseCsvStream', () => {
  it('gives the same result for every chunking, even inside quotes and multi-byte characters', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), async ({ text, delimiter }, cuts, utf16) => {
        const utf8 = new TextEncoder().encode(text);
        let bytes = utf8;
        if (utf16) {
          bytes = new Uint8Array(2 + text.length * 2);
          bytes.set([0xff, 0xfe]);
          for (let i = 0; i < text.length; i++) {
            bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
            bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
          }
        }
        const whole = parseCsv(bytes, { delimiter, onBadRow: 'skip' });
        const streamed = await parseCsvStream(chunked(bytes, cuts), { delimiter, onBadRow: 'skip' });
        expect(streamed.ok).toBe(whole.ok);
        if (whole.ok && streamed.ok) {
          expect(streamed.value.table.schema.fields.map(String)).toEqual(whole.value.table.schema.fields.map(String));
          expect(streamed.value.table.toArray().map((r) => r.toJSON())).toEqual(whole.value.table.toArray().map((r) => r.toJSON()));
          expect(streamed.value.badRows).toEqual(whole.value.badRows);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('reports a failing stream as invalid input', async () => {
    async function* broken(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('a,b\n');
      throw new Error('connection reset');
    }
    const r = await parseCsvStream(broken());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/connection reset/);
  });
});

describe('parseCsv on hostile input', () => {
  it('never throws and always returns a result', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom<'fail' | 'skip'>('fail', 'skip'), (bytes, onBadRow) => {
        const r = parseCsv(bytes, { onBadRow });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.issues[0]?.code).not.toBe('INTERNAL');
      }),
      { numRuns: 500 },
    );
  });
});
