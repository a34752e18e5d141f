import { expect, test } from 'vitest';
import { RateLimits } from './rate-limits';

test('each rate limit tracks at most CAUSEWAY_RATE_LIMIT_KEYS keys, however many addresses call', () => {
  let now = 0;
  const limits = new RateLimits(
    {
      CAUSEWAY_RATE_SIGN_IN_PER_IP: 30,
      CAUSEWAY_RATE_PREDICT_PER_TOKEN: 60,
      CAUSEWAY_RATE_PREDICT_PER_IP: 2,
      CAUSEWAY_TRUST_PROXY: false,
      CAUSEWAY_RATE_LIMIT_KEYS: 100,
    },
    () => now,
  );
  let most = 0;
  for (let i = 0; i < 10_000; i++) {
    now += 1;
    limits.check({ predictPerIp: `10.0.${i >> 8}.${i & 255}` });
    most = Math.max(most, limits.tracked('predictPerIp'));
  }
  expect(most).toBe(100);
  // A busy key is still limited after the churn: two in its burst, the third refused.
  limits.check({ predictPerIp: 'busy' });
  limits.check({ predictPerIp: 'busy' });
  expect(() => limits.check({ predictPerIp: 'busy' })).toThrow(/Too many requests/);
});
