import { describe, expect, it } from 'vitest';
import { hrefOf, pageOf } from './use-route';

describe('pageOf', () => {
  it('reads the page from the hash; unknown or empty hashes are the editor', () => {
    expect(pageOf('#/runs')).toBe('runs');
    expect(pageOf('#/endpoints/churn')).toBe('endpoints');
    expect(pageOf('#plugins?x=1')).toBe('plugins');
    expect(pageOf('')).toBe('editor');
    expect(pageOf('#/constructor')).toBe('editor');
    expect(pageOf(hrefOf('schedules'))).toBe('schedules');
  });
});
