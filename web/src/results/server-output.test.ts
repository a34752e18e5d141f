import type { ModelCard, OutputSummary } from '@causeway/sdk';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../api/api-client';
import { fetchServerOutput, modelFileName } from './server-output';

const card: ModelCard = {
  task: 'classification',
  target: 'churned',
  classes: ['no', 'yes'],
  features: [{ name: 'tenure', type: 'number' }],
  metrics: { accuracy: 0.9 },
};
const spec = { mark: 'line', data: { values: [{ x: 0, y: 0 }] } };
const metrics = {
  values: { auc: 0.91 },
  confusion: {
    labels: ['no', 'yes'],
    matrix: [
      [5, 1],
      [2, 7],
    ],
  },
};
const report = { passed: false, checks: [{ name: 'auc ≥ 0.95', passed: false, message: 'auc is 0.91' }] };
const rows = tableFromArrays({ x: Float64Array.from({ length: 20 }, (_, i) => i) });

/** The outputs route of run 7 as the server answers it: by kind, and 404 with the reason for outputs it does not have. */
function outputsServer() {
  const requests: Array<{ url: string; accept: string | null; auth: string | null }> = [];
  const notFound = (message: string) => Response.json({ code: 'NOT_FOUND', message }, { status: 404 });
  const fetchImpl = async (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    requests.push({ url, accept: headers.get('accept'), auth: headers.get('authorization') });
    const { pathname, searchParams } = new URL(url);
    const [, , , run, , node, port] = pathname.split('/').map(decodeURIComponent);
    if (run !== '7') return notFound(`No run with id ${run}.`);
    switch (`${node}.${port}`) {
      case 'score.table': {
        const offset = Number(searchParams.get('offset'));
        const limit = Number(searchParams.get('limit'));
        return new Response(new Uint8Array(tableToIPC(rows.slice(offset, offset + limit))), {
          headers: { 'content-type': 'application/vnd.apache.arrow.stream' },
        });
      }
      case 'train.model':
        return searchParams.get('card') === '1'
          ? Response.json({ kind: 'model', card })
          : new Response(new Uint8Array([8, 1, 2]), { headers: { 'content-type': 'application/octet-stream' } });
      case 'evaluate.chart':
        return Response.json({ kind: 'chart', value: spec });
      case 'evaluate.metrics':
        return Response.json({ kind: 'metrics', value: metrics });
      case 'gate.report':
        return Response.json({ kind: 'report', value: report });
      case 'threshold.value':
        return Response.json({ kind: 'value', value: 0.5 });
      case 'big.value':
        return notFound('Output "big.value" of run 7 is not available: The value is larger than 64 MB.');
      case 'old.chart':
        return notFound('Output "old.chart" of run 7 is no longer kept: run outputs are removed after the retention period.');
      default:
        return new Response('upstream down', { status: 502 });
    }
  };
  return { requests, api: new ApiClient('http://server/', 'tok', fetchImpl) };
}

const ref = (nodeId: string, portId: string) => ({ runId: 7, nodeId, portId });

describe('fetchServerOutput', () => {
  it('fetches a table page as Arrow IPC, with the rows and offset asked for', async () => {
    const { api, requests } = outputsServer();
    const summary: OutputSummary = { kind: 'table', rows: 20, schema: { columns: [{ name: 'x', type: 'number', nullable: false }] } };
    const page = await fetchServerOutput(api, ref('score', 'table'), summary, 5, 3);
    expect(page).toMatchObject({ kind: 'table', totalRows: 20, offset: 5 });
    if (page.kind !== 'table') throw new Error('not a table');
    expect(Array.from(tableFromIPC(page.ipc).getChild('x')?.toArray() ?? [])).toEqual([5, 6, 7]);
    expect(requests[0]).toEqual({
      url: 'http://server/api/runs/7/outputs/score/table?offset=5&limit=3',
      accept: 'application/vnd.apache.arrow.stream',
      auth: 'Bearer tok',
    });
  });

  it("shows a model by its card (not its ONNX bytes), with the file's size from the summary", async () => {
    const { api, requests } = outputsServer();
    const summary: OutputSummary = { kind: 'model', task: 'classification', features: 1, bytes: 2048 };
    expect(await fetchServerOutput(api, ref('train', 'model'), summary, 0, 500)).toEqual({ kind: 'model', card, bytes: 2048 });
    expect(requests.map((r) => r.url)).toEqual(['http://server/api/runs/7/outputs/train/model?card=1']);
  });

  it('fetches the whole chart spec, metrics, report and value, not the summaries the events carry', async () => {
    const { api } = outputsServer();
    expect(await fetchServerOutput(api, ref('evaluate', 'chart'), { kind: 'chart' }, 0, 500)).toEqual({ kind: 'chart', value: spec });
    expect(await fetchServerOutput(api, ref('evaluate', 'metrics'), { kind: 'metrics', values: { auc: 0.91 } }, 0, 500)).toEqual({
      kind: 'metrics',
      value: metrics,
    });
    expect(await fetchServerOutput(api, ref('gate', 'report'), { kind: 'report', passed: false, checks: 1, failed: 1 }, 0, 500)).toEqual({
      kind: 'report',
      value: report,
    });
    expect(await fetchServerOutput(api, ref('threshold', 'value'), { kind: 'value', preview: '0.5' }, 0, 500)).toEqual({
      kind: 'value',
      value: 0.5,
    });
  });

  it('says why an output is not there: not kept (with the note) or removed by retention', async () => {
    const { api } = outputsServer();
    expect(await fetchServerOutput(api, ref('big', 'value'), { kind: 'value', preview: '…' }, 0, 500)).toEqual({
      kind: 'missing',
      message: 'Output "big.value" of run 7 is not available: The value is larger than 64 MB.',
    });
    expect(await fetchServerOutput(api, ref('old', 'chart'), { kind: 'chart' }, 0, 500)).toEqual({
      kind: 'missing',
      message: 'Output "old.chart" of run 7 is no longer kept: run outputs are removed after the retention period.',
    });
  });

  it('throws failures other than a missing output, with the status', async () => {
    const { api } = outputsServer();
    const failure = fetchServerOutput(api, ref('broken', 'chart'), { kind: 'chart' }, 0, 500);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ status: 502, message: 'upstream down' });
  });
});

describe('modelFileName', () => {
  it('names the file by node and port, with unsafe characters replaced', () => {
    expect(modelFileName('train', 'model')).toBe('train.model.onnx');
    expect(modelFileName('../a b', 'm"')).toBe('.._a_b.m_.onnx');
  });
});
