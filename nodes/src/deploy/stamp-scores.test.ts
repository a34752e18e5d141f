import { tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import { stampScores } from './stamp-scores';

describe('stampScores', () => {
  it('adds the model version and the scoring time to every row, keeping the scores', () => {
    const at = new Date('2026-12-07T06:00:00Z');
    const stamped = stampScores(tableOf({ id: [1, 2, 3], prediction: ['yes', 'no', 'yes'] }), 4, at);
    expect(stamped.schema.fields.map((f) => f.name)).toEqual(['id', 'prediction', '_model_version', '_scored_at']);
    expect(stamped.numRows).toBe(3);
    expect([...(stamped.getChild('_model_version')?.toArray() ?? [])]).toEqual([4, 4, 4]);
    expect(Number(stamped.getChild('_scored_at')?.get(2))).toBe(at.getTime());
    expect(stamped.getChild('prediction')?.get(1)).toBe('no');
  });

  it('refuses a table that already has a stamp column', () => {
    expect(() => stampScores(tableOf({ _model_version: [1] }), 2, new Date())).toThrow(/"_model_version"/);
  });
});
