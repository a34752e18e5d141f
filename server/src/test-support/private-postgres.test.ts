import { describe, expect, it } from 'vitest';
import { postgresBin } from './private-postgres';

describe('postgresBin', () => {
  it('takes PG_BIN when set', () => {
    expect(postgresBin({ PG_BIN: '/opt/pg/bin' })).toBe('/opt/pg/bin');
  });

  it('finds initdb on this machine without a version written in', () => {
    expect(postgresBin({ PATH: '' })).toMatch(/\/bin$/);
  });
});
