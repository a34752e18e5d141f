import type { GraphDiffAnswer, runWithNodes, Schedule, schedulePage, templateList, userList } from '@causeway/contract';
import { describe, expect, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import type { ApiClient } from './api-client';
import { runsApi } from './runs-api';
import { alertTarget, schedulesApi } from './schedules-api';
import { usersApi } from './users-api';

// The editor's API types are the contract's: a change to an answer on the server is a type error here
// (`npm test` type-checks before it runs), not a blank cell on a page.

describe("the editor's API calls", () => {
  test("answer exactly the contract's types", () => {
    expectTypeOf(schedulesApi.list).returns.resolves.toEqualTypeOf<z.infer<typeof schedulePage>>();
    expectTypeOf(runsApi.get).returns.resolves.toEqualTypeOf<z.infer<typeof runWithNodes>>();
    expectTypeOf(usersApi.list).returns.resolves.toEqualTypeOf<z.infer<typeof userList>>();
    expectTypeOf<ApiClient['listTemplates']>().returns.resolves.toEqualTypeOf<z.infer<typeof templateList>>();
    expectTypeOf<ApiClient['diff']>().returns.resolves.toEqualTypeOf<GraphDiffAnswer>();
  });

  test('a schedule alerting through a secret shows the secret, not a blank origin', () => {
    // @ts-expect-error -- the bug a hand-written type hid: an alert kept in a secret has no origin.
    const origin = (alert: NonNullable<Schedule['alert']>): string => alert.origin;
    expect(origin({ secret: 'ops-hook' })).toBeUndefined();
    expect(alertTarget({ secret: 'ops-hook' })).toBe('secret ops-hook');
    expect(alertTarget({ origin: 'https://hooks.example' })).toBe('https://hooks.example');
    expect(alertTarget(null)).toBe('none');
  });
});
