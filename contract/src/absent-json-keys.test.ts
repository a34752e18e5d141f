import { describe, expect, it } from 'vitest';
import { graphDiffAnswer } from './graphs';
import { runOutputRecord } from './run-outputs';

// JSON drops keys whose value is undefined, so a field the server may leave unset must be optional here.
describe('answers whose optional values JSON leaves out', () => {
  it('a table output kept as an artifact has no inline value', () => {
    const kept = { kind: 'table', rows: 3, schema: { columns: [] }, format: 'arrow', artifact: 'runs/1/t.arrow', bytes: 10 };
    expect(runOutputRecord.safeParse(kept).success).toBe(true);
  });
});

describe('a graph diff', () => {
  it('takes a config field added (no before) and removed (no after)', () => {
    const diff = {
      from: 1,
      to: 2,
      nodesAdded: [],
      nodesRemoved: [],
      nodesChanged: [
        {
          id: 'gate',
          fields: [],
          config: [
            { path: ['threshold'], after: 0.8 },
            { path: ['old'], before: 1 },
          ],
        },
      ],
      edgesAdded: [],
      edgesRemoved: [],
      graphFields: [],
    };
    const parsed = graphDiffAnswer.safeParse(diff);
    expect(parsed.error?.issues).toBeUndefined();
  });
});
