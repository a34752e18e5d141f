import { describe, expect, it } from 'vitest';
import { dictionaryData, float32Data, float64Vector, utf8Vector } from './build-vector';
import { tableFromColumns } from './table-from-columns';

describe('tableFromColumns', () => {
  it('assembles vectors and Data side by side, sharing their buffers', () => {
    const scores = new Float32Array([0.25, 0.75, 0.5]);
    const table = tableFromColumns(
      ['x', 'label', 'score'],
      [float64Vector(new Float64Array([1, 2, 3])), dictionaryData(new Int32Array([1, 0, 1]), ['no', 'yes']), float32Data(scores)],
    );
    expect(table.numRows).toBe(3);
    expect(table.schema.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual([
      ['x', 'Float64', false],
      ['label', 'Dictionary<Int32, Utf8>', false],
      ['score', 'Float32', false],
    ]);
    expect(table.toArray().map((r) => r.toJSON())).toEqual([
      { x: 1, label: 'yes', score: 0.25 },
      { x: 2, label: 'no', score: 0.75 },
      { x: 3, label: 'yes', score: 0.5 },
    ]);
    expect(table.getChild('score')?.data[0]?.values).toBe(scores);
  });

  it('marks a field nullable when its Data holds a null', () => {
    const table = tableFromColumns(['score'], [float32Data(new Float32Array([1, 2]), new Uint8Array([1, 0]))]);
    expect(table.schema.fields[0]?.nullable).toBe(true);
    expect(table.getChild('score')?.toArray()[0]).toBe(1);
    expect(table.getChild('score')?.get(1)).toBeNull();
  });

  it('refuses columns of different lengths, naming the column', () => {
    expect(() => tableFromColumns(['a', 'b'], [utf8Vector(['x', 'y']), float32Data(new Float32Array(3))])).toThrow(
      'column "b" has 3 rows, not 2',
    );
  });
});
