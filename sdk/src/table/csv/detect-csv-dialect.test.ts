import { describe, expect, it } from 'vitest';
import { detectCsvDialect } from './detect-csv-dialect';

describe('detectCsvDialect', () => {
  it('finds the delimiter that splits rows consistently', () => {
    expect(detectCsvDialect('a,b;c\n1,2;3\n4,5;6\n').delimiter).toBe(',');
    expect(detectCsvDialect('name;note\nAda;"x, y, z"\nBo;"p, q"\n').delimiter).toBe(';');
    expect(detectCsvDialect('a\tb\n1\t2\n').delimiter).toBe('\t');
    expect(detectCsvDialect('a|b\n1|2\n').delimiter).toBe('|');
    expect(detectCsvDialect('single\ncolumn\n').delimiter).toBe(',');
  });

  it('tells a header from data', () => {
    expect(detectCsvDialect('name,age\nAda,36\n').header).toBe(true);
    expect(detectCsvDialect('1,2\n3,4\n').header).toBe(false);
    expect(detectCsvDialect('Ada,36\nBo,41\n').header).toBe(false);
    expect(detectCsvDialect('city,country\nOslo,Norway\n').header).toBe(true);
    expect(detectCsvDialect('x,x\nOslo,Norway\n').header).toBe(false);
    expect(detectCsvDialect('\uFEFFid,when\n1,2024-01-01\n')).toEqual({ delimiter: ',', header: true });
  });

  it('takes a header with a trailing delimiter or empty and repeated names over typed columns', () => {
    expect(detectCsvDialect('a,b,\n1,2,\n3,4,\n').header).toBe(true);
    expect(detectCsvDialect('a,b,\n1,2\n3,4\n').header).toBe(true);
    expect(detectCsvDialect('a,a,,b\n1,2,3,4\n5,6,7,8\n')).toEqual({ delimiter: ',', header: true });
    expect(detectCsvDialect('name,,\nAda,36,2024-01-01\n').header).toBe(true);
    // A boolean word names a column unless the column below holds booleans.
    expect(detectCsvDialect('No,Name\n1,Ada\n2,Bo\n').header).toBe(true);
    expect(detectCsvDialect('yes,Ada\nno,Bo\n').header).toBe(false);
    expect(detectCsvDialect('a,b,\nOslo,Norway,\n').header).toBe(true);
  });
});
