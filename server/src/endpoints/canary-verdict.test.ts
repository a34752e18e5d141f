import { canaryPolicy } from '@causeway/contract';
import { describe, expect, test } from 'vitest';
import { canaryVerdict, liveVerdict } from './canary-verdict';

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

  describe('with a live performance margin', () => {
    const live = (drop: Record<string, unknown>) =>
      canaryPolicy.parse({
        durationMinutes: 60,
        minRequests: 100,
        maxErrorRateIncrease: 0.01,
        maxLatencyIncrease: 0.2,
        maxLivePerformanceDrop: drop,
      });
    const accuracy = live({ metric: 'accuracy', margin: 0.02, minOutcomes: 50 });
    const versions = (active: number, canary: number, counts = [400, 60]) => ({
      active: { count: counts[0] ?? 0, accuracy: active },
      canary: { count: counts[1] ?? 0, accuracy: canary },
    });

    test('promotes a canary whose live metric is within the margin, ends one worse by more, naming both figures', () => {
      const within = canaryVerdict(accuracy, started, at(60), good, versions(0.9, 0.885));
      expect(within).toMatchObject({ decision: 'promote', reason: expect.stringContaining('live accuracy 0.885') });
      const worse = canaryVerdict(accuracy, started, at(60), good, versions(0.9, 0.87));
      expect(worse).toMatchObject({ decision: 'end' });
      expect(worse.reason).toBe("the canary's live accuracy 0.87 against the active version's 0.9 is worse by more than 0.02");
      // Better is never worse.
      expect(canaryVerdict(accuracy, started, at(60), good, versions(0.8, 0.95)).decision).toBe('promote');
    });

    test('lower is better for errors: a canary with a higher RMSE beyond the margin is ended', () => {
      const rmse = live({ metric: 'rmse', margin: 0.5, minOutcomes: 10 });
      const figures = (a: number, c: number) => ({ active: { count: 100, rmse: a }, canary: { count: 100, rmse: c } });
      expect(canaryVerdict(rmse, started, at(60), good, figures(3, 3.4)).decision).toBe('promote');
      expect(canaryVerdict(rmse, started, at(60), good, figures(3, 3.6)).decision).toBe('end');
      expect(canaryVerdict(rmse, started, at(60), good, figures(3, 1)).decision).toBe('promote');
    });

    test('waits out the window whatever the evidence, then ends on too few outcomes unless told to ignore them', () => {
      expect(canaryVerdict(accuracy, started, at(59), good, versions(0.9, 0.1)).decision).toBe('wait');
      const scarce = canaryVerdict(accuracy, started, at(60), good, versions(0.9, 0.9, [400, 49]));
      expect(scarce).toMatchObject({
        decision: 'end',
        reason: 'not enough evidence of live accuracy: the canary has 49 outcomes, fewer than the 50 the policy needs',
      });
      const noActive = canaryVerdict(accuracy, started, at(60), good, { active: undefined, canary: { count: 60, accuracy: 0.9 } });
      expect(noActive.reason).toContain('the active version has 0 outcomes');
      const ignore = live({ metric: 'accuracy', margin: 0.02, minOutcomes: 50, tooFewOutcomes: 'ignore' });
      const judged = canaryVerdict(ignore, started, at(60), good, versions(0.9, 0.1, [400, 49]));
      expect(judged).toMatchObject({ decision: 'promote', reason: expect.stringContaining('live accuracy not compared') });
      // Error rate and latency still decide first.
      expect(canaryVerdict(ignore, started, at(60), { ...good, canary: { ...good.canary, errors: 3 } }).decision).toBe('end');
    });

    test('a metric the outcomes cannot give (AUC of a multi-class model) is not evidence', () => {
      const auc = { metric: 'auc' as const, margin: 0.01, minOutcomes: 10, tooFewOutcomes: 'end' as const };
      expect(liveVerdict(auc, { active: { count: 50, auc: null }, canary: { count: 50, auc: 0.7 } })).toMatchObject({
        decision: 'end',
        reason: 'not enough evidence of live auc: the active version has no auc from its outcomes',
      });
    });
  });
});
