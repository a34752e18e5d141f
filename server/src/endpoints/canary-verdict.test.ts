import { canaryPolicy } from '@causeway/contract';
import { describe, expect, test } from 'vitest';
import { canaryVerdict } from './canary-verdict';

const policy = canaryPolicy.parse({ durationMinutes: 60, minRequests: 100, maxErrorRateIncrease: 0.01, maxLatencyIncrease: 0.2 });
const started = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => started.getTime() + minutes * 60_000;
const good = { active: { requests: 900, errors: 9, latencyMsSum: 900 * 2 }, canary: { requests: 100, errors: 1, latencyMsSum: 100 * 2.2 } };

describe('canaryVerdict', () => {
  test('waits until the policy time is up, then promotes a canary that is not worse', () => {
    expect(canaryVerdict(policy, started, at(59.9), good).decision).toBe('wait');
    const verdict = canaryVerdict(policy, started, at(60), good);
    expect(verdict.decision).toBe('promote');
    expect(verdict.reason).toContain('100 requests');
  });

  test('ends a canary with more errors, slower answers or too little traffic, saying which', () => {
    const errors = canaryVerdict(policy, started, at(61), { ...good, canary: { ...good.canary, errors: 3 } });
    expect(errors).toMatchObject({ decision: 'end', reason: expect.stringContaining('error rate 3 %') });
    const slow = canaryVerdict(policy, started, at(61), { ...good, canary: { ...good.canary, latencyMsSum: 100 * 2.5 } });
    expect(slow).toMatchObject({ decision: 'end', reason: expect.stringContaining('mean latency 2.5 ms') });
    const quiet = canaryVerdict(policy, started, at(61), { ...good, canary: { requests: 99, errors: 0, latencyMsSum: 99 } });
    expect(quiet).toMatchObject({ decision: 'end', reason: expect.stringContaining('99 requests') });
  });
});
