import type { Vector } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnTypeOf } from '../ports/arrow-schema';
import { utf8Vector } from './build-vector';
import { castColumn } from './cast-column';
import { parseCsv } from './csv/parse-csv';

const valuesOf = (vector: Vector): unknown[] => Array.from({ length: vector.length }, (_, i) => vector.get(i) as unknown);

function readAs(texts: readonly string[], type?: 'boolean' | 'date' | 'number') {
  const csv = `v\n${texts.map((t) => `"${t}"`).join('\n')}\n`;
  const r = parseCsv(new TextEncoder().encode(csv), { header: true, nullTokens: [], ...(type ? { types: { v: type } } : {}) });
  if (!r.ok) return undefined;
  const column = r.value.table.getChild('v') as Vector;
  return { type: columnTypeOf(r.value.table.schema.fields[0]?.type), values: valuesOf(column) };
}

function castAs(texts: readonly string[], type: 'boolean' | 'date' | 'number') {
  const r = castColumn(utf8Vector([...texts]), type);
  return r.ok ? valuesOf(r.value) : undefined;
}

const booleans = ['true', 'FALSE', 'yes', 'No', 'YES', 'no', '1', '0'];

describe('one boolean, timestamp and number grammar for the CSV reader and transform.cast', () => {
  it('booleans: true/false, yes/no, 1/0 read the same by both, and a column of them is inferred boolean', () => {
    expect(castAs(booleans, 'boolean')).toEqual([true, false, true, false, true, false, true, false]);
    expect(readAs(booleans, 'boolean')?.values).toEqual(castAs(booleans, 'boolean'));
    expect(readAs(['yes', 'no', 'Yes'])).toEqual({ type: 'boolean', values: [true, false, true] });
    expect(castAs(['y'], 'boolean')).toBeUndefined();
    expect(readAs(['1', '0'])?.type).toBe('integer');
  });

  it('timestamps with an offset: the reader infers a date column and agrees with cast', () => {
    const texts = ['2024-03-01T12:00:00+02:00', '2024-03-01 12:00-0130', '2024-03-01T12:00:00.250Z', '2024-03-01'];
    const expected = [Date.UTC(2024, 2, 1, 10), Date.UTC(2024, 2, 1, 13, 30), Date.UTC(2024, 2, 1, 12, 0, 0, 250), Date.UTC(2024, 2, 1)];
    expect(castAs(texts, 'date')).toEqual(expected);
    expect(readAs(texts)).toEqual({ type: 'date', values: expected });
  });

  it('numbers: decimal notation only; 0x10, 0b11, 0o17 and 1_000 convert in neither', () => {
    for (const text of ['0x10', '0b11', '0o17', '1_000', 'NaN']) {
      expect(castAs([text], 'number'), text).toBeUndefined();
      expect(readAs([text], 'number'), text).toBeUndefined();
    }
  });

  it('any text converts in cast exactly when the reader converts it, to the same value', () => {
    const text = fc.oneof(
      fc.constantFrom(...booleans, '0x1F', '1e3', '.5', '5.', ' 7 ', '+2', '-0', 'Infinity', '2024-02-29T23:59:59-05:00', '2024-02-30'),
      fc.stringMatching(/^[0-9a-zA-Z.+\-: ]{0,12}$/),
    );
    fc.assert(
      fc.property(text, fc.constantFrom('boolean' as const, 'date' as const, 'number' as const), (t, type) => {
        if (t.trim() === '') return;
        expect(readAs([t], type)?.values).toEqual(castAs([t], type));
      }),
    );
  });
});
