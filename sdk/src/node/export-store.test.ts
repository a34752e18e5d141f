import { describe, expect, it } from 'vitest';
import { exportPathProblem } from './export-store';

describe('exportPathProblem', () => {
  it('accepts relative paths of plain names', () => {
    for (const path of ['scores.csv', 'daily/scores.parquet', 'a/b/c/d.arrow', 'x_1-2.jsonl'])
      expect(exportPathProblem(path), path).toBeUndefined();
  });

  it('refuses absolute paths, "..", hidden and empty parts, naming the path', () => {
    const cases: Array<[string, RegExp]> = [
      ['/etc/passwd', /absolute/],
      ['C:/data/x.csv', /absolute/],
      ['a\\b.csv', /absolute/],
      ['../x.csv', /leads out/],
      ['a/../../x.csv', /leads out/],
      ['.env', /the part "\.env"/],
      ['a//b.csv', /an empty part/],
      ['', /an empty part/],
      ['a b.csv', /the part "a b\.csv"/],
      ['1/2/3/4/5/6/7/8/9.csv', /8 folders deep/],
    ];
    for (const [path, reason] of cases) {
      const problem = exportPathProblem(path);
      expect(problem, path).toMatch(reason);
      expect(problem, path).toContain(`"${path}"`);
    }
  });
});
