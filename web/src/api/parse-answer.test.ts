import { describe, expect, it } from 'vitest';
import { runAnswer } from './answers.test-helper';
import { ApiClient, ApiError } from './api-client';
import { runsApi } from './runs-api';
import { schedulesApi } from './schedules-api';

const run = runAnswer({
  id: 7,
  graphId: 'churn',
  status: 'failed',
  durationMs: 12,
  error: { code: 'NODE_FAILED', message: 'Node "split" failed.', nodeId: 'split' },
});

/** A client whose server answers every request with `body`. */
const answering = (body: unknown, status = 200) => new ApiClient('http://x', 'tok', async () => Response.json(body, { status }));

async function problem(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.catch((e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('answers are parsed with the contract', () => {
  it('gives back an answer of the contract shape as the server sent it, a field the contract does not know included', async () => {
    const answer = await runsApi.list(answering({ items: [{ ...run, extra: 'x' }], total: 1 }), {});
    expect(answer.items[0]).toEqual({ ...run, extra: 'x' });
  });

  it('turns a malformed answer into UNEXPECTED_ANSWER naming the request and the field', async () => {
    const bad = { items: [run, { ...run, status: 'exploded' }], total: 2 };
    const error = await problem(runsApi.list(answering(bad), { graphId: 'churn' }));
    expect(error.code).toBe('UNEXPECTED_ANSWER');
    expect(error.status).toBe(200);
    expect(error.message).toContain('GET /api/runs?graphId=churn');
    expect(error.message).toContain('items[1].status');
  });

  it('names a missing nested field and a wrong stored error', async () => {
    const missing = await problem(runsApi.get(answering({ ...run, nodes: [{ nodeId: 'a' }] }), 7));
    expect(missing.message).toContain('nodes[0].status');
    const error = await problem(runsApi.get(answering({ ...run, error: 'boom', nodes: [] }), 7));
    expect(error.message).toContain('at error:');
  });

  it('refuses an answer that is not JSON of the shape at all (a proxy page)', async () => {
    const api = new ApiClient('http://x', 'tok', async () => new Response('<html>gateway</html>', { status: 200 }));
    const error = await problem(schedulesApi.list(api));
    expect(error.code).toBe('UNEXPECTED_ANSWER');
    expect(error.message).toContain('the answer itself');
  });
});
