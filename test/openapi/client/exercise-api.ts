import createClient from 'openapi-fetch';
import type { components, paths } from './generated/api';

// A program written against the client generated from /api/openapi.json, as an outside team would
// write one: it compiles only if the document types what it sends and reads.

type RunOutput = components['schemas']['RunOutput'];
type ApiError = components['schemas']['Error'];

/** Where the server is, the admin token it wrote, and the fetch every request goes through. */
export interface ExerciseOptions {
  baseUrl: string;
  adminToken: string;
  fetch: (request: Request) => Promise<Response>;
  /** Waits before the next look at a run still going. */
  pause: () => Promise<void>;
}

function ok<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

function refused(result: { error?: ApiError; response: Response }, status: number, code: ApiError['code']): void {
  if (result.response.status !== status || result.error?.code !== code)
    throw new Error(`expected ${status} ${code}, got ${result.response.status}`);
}

/** What one output holds, read through the union's `kind`. */
function describeOutput(output: RunOutput): string {
  switch (output.kind) {
    case 'table':
      return `${output.total} rows of ${output.schema.columns.map((c) => `${c.name}:${c.type}`).join(',')}`;
    case 'model':
      return `${output.card.task} model of ${output.card.features.length} features`;
    case 'metrics':
      return Object.keys(output.value.values).join(',');
    case 'report':
      return `${output.value.passed ? 'passed' : 'failed'} ${output.value.checks.length} checks`;
    case 'chart':
      return `chart of ${Object.keys(output.value).length} keys`;
    case 'value':
      return JSON.stringify(output.value ?? null).slice(0, 40);
  }
}

/** Calls every kind of route the way a generated client does; returns a line per thing it read. */
export async function exerciseApi({ baseUrl, adminToken, fetch, pause }: ExerciseOptions): Promise<string[]> {
  const seen: string[] = [];
  const client = (token?: string) =>
    createClient<paths>({ baseUrl, fetch, ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }) });
  const anonymous = client();
  const admin = client(adminToken);

  seen.push(`health ${ok(await anonymous.GET('/api/health'), 'health').status}`);
  refused(await anonymous.GET('/api/graphs'), 401, 'UNAUTHORIZED');

  // A user signs in and works with a session token.
  const password = 'a long enough password';
  ok(await admin.POST('/api/users', { body: { name: 'ada', role: 'analyst', password } }), 'create user');
  refused(await anonymous.POST('/api/auth/sign-in', { body: { name: 'ada', password: 'wrong password!' } }), 401, 'SIGN_IN_FAILED');
  const session = ok(await anonymous.POST('/api/auth/sign-in', { body: { name: 'ada', password } }), 'sign in');
  const ada = client(session.token);
  seen.push(`me ${ok(await ada.GET('/api/auth/me'), 'me').actions.length} actions`);
  refused(await ada.GET('/api/users'), 403, 'FORBIDDEN');

  // Graphs: a template's graph is a typed graph, saved anew and versioned.
  const templates = ok(await ada.GET('/api/templates'), 'templates').items;
  seen.push(`templates ${templates.map((t) => t.id).join(',')}`);
  const housing = ok(await ada.GET('/api/graphs/{id}', { params: { path: { id: 'housing-regression-deploy' } } }), 'graph').graph;
  const copy = { ...housing, id: 'housing_copy', name: 'Housing copy' };
  ok(await ada.POST('/api/graphs', { body: { graph: copy, message: 'copied' } }), 'create graph');
  // openapi-fetch reads tuples as arrays, so the position's two numbers may be absent to the compiler.
  const moved = { ...copy, nodes: copy.nodes.map((n) => ({ ...n, position: [(n.position[0] ?? 0) + 10, n.position[1] ?? 0] })) };
  const saved = ok(await ada.POST('/api/graphs/{id}/versions', { params: { path: { id: copy.id } }, body: { graph: moved } }), 'save');
  const version = ok(
    await ada.GET('/api/graphs/{id}/versions/{version}', { params: { path: { id: copy.id, version: saved.version } } }),
    'v',
  );
  seen.push(`version ${version.version} of ${version.graph.nodes.length} nodes`);
  ok(await ada.GET('/api/graphs/{id}/diff', { params: { path: { id: copy.id }, query: { from: 1, to: saved.version } } }), 'diff');
  ok(await ada.GET('/api/graphs/{id}/versions', { params: { path: { id: copy.id } } }), 'versions');
  ok(await ada.PATCH('/api/graphs/{id}', { params: { path: { id: copy.id } }, body: { name: 'Renamed' } }), 'rename');
  seen.push(`graphs ${ok(await ada.GET('/api/graphs', { params: { query: { limit: 10, offset: 0, q: 'housing' } } }), 'list').total}`);
  refused(await ada.GET('/api/graphs/{id}', { params: { path: { id: 'no_such_graph' } } }), 404, 'NOT_FOUND');

  // Files: a raw upload, typed as binary, not never.
  const csv = 'a,b\n1,2\n';
  const uploaded = await ada.POST('/api/files', {
    params: { query: { name: 'tiny.csv' } },
    body: csv,
    bodySerializer: (body) => body,
    headers: { 'content-type': 'application/octet-stream' },
  });
  seen.push(`uploaded ${ok(uploaded, 'upload').size} bytes`);
  seen.push(`files ${ok(await ada.GET('/api/files'), 'files').items.length}`);
  const read = await ada.GET('/api/files/{name}', { params: { path: { name: 'tiny.csv' } }, parseAs: 'text' });
  if (ok(read, 'download') !== csv) throw new Error('the file came back changed');
  await ada.DELETE('/api/files/{name}', { params: { path: { name: 'tiny.csv' } } });

  // A run of the housing template: every output, read by its kind.
  let run = ok(await ada.POST('/api/runs', { body: { graphId: 'housing-regression-deploy' } }), 'start run');
  while (run.status === 'queued' || run.status === 'running') {
    await pause();
    run = ok(await ada.GET('/api/runs/{id}', { params: { path: { id: run.id } } }), 'run');
  }
  const detail = ok(await ada.GET('/api/runs/{id}', { params: { path: { id: run.id } } }), 'run');
  seen.push(`run ${detail.status}`);
  for (const node of detail.nodes) {
    for (const [port, summary] of Object.entries(node.outputs)) {
      const path = { id: run.id, node: node.nodeId, port };
      const output = await ada.GET('/api/runs/{id}/outputs/{node}/{port}', {
        params: { path, query: { limit: 5, ...(summary.kind === 'model' ? { card: '1' as const } : {}) } },
      });
      const json = ok(output, `${node.nodeId}.${port}`);
      // The route also answers Arrow and ONNX bytes (by Accept), which the client types as strings.
      if (typeof json === 'string') throw new Error(`${node.nodeId}.${port} answered bytes, not JSON`);
      seen.push(`${node.nodeId}.${port} ${json.kind}: ${describeOutput(json)}`);
    }
  }
  const events = await ada.GET('/api/runs/{id}/events', { params: { path: { id: run.id }, query: { lastEventId: 0 } }, parseAs: 'text' });
  seen.push(`events ${ok(events, 'events').split('\n\n').length - 1}`);
  seen.push(`runs ${ok(await ada.GET('/api/runs', { params: { query: { graphId: 'housing-regression-deploy' } } }), 'runs').total}`);

  // The model it registered, and an endpoint serving it.
  const ops = client(ok(await admin.POST('/api/tokens', { body: { name: 'ops', role: 'ops' } }), 'token').token);
  const models = ok(await ops.GET('/api/models'), 'models').items;
  seen.push(`models ${models.map((m) => `${m.name}@${m.latestVersion}`).join(',')}`);
  const model = ok(await ops.GET('/api/models/{name}', { params: { path: { name: 'housing-price' } } }), 'model');
  ok(await ops.GET('/api/models/{name}/versions/{version}', { params: { path: { name: model.name, version: 1 } } }), 'model version');
  ok(await ops.GET('/api/models/{name}/compare', { params: { path: { name: model.name }, query: { a: 1, b: 1 } } }), 'compare');
  const onnx = await ops.GET('/api/models/{name}/versions/{version}/model.onnx', {
    params: { path: { name: model.name, version: 1 } },
    parseAs: 'arrayBuffer',
  });
  seen.push(`onnx ${ok(onnx, 'onnx').byteLength > 0}`);
  ok(await ops.POST('/api/endpoints', { body: { name: 'housing', model: model.name } }), 'endpoint');
  const promoted = await ops.POST('/api/endpoints/{name}/promote', {
    params: { path: { name: 'housing' } },
    body: { version: 1, override: true, reason: 'client test' },
  });
  seen.push(`serving ${ok(promoted, 'promote').activeVersion}`);
  const endpoint = ok(await ops.GET('/api/endpoints/{name}', { params: { path: { name: 'housing' } } }), 'endpoint');
  const example = endpoint.inputExample ?? {};
  const answer = ok(
    await ada.POST('/api/endpoints/{name}/predict', { params: { path: { name: 'housing' } }, body: { rows: [example] } }),
    'predict',
  );
  seen.push(`predicted ${answer.predictions.length} by v${answer.version}`);
  refused(
    await ada.POST('/api/endpoints/{name}/predict', { params: { path: { name: 'housing' } }, body: { rows: [{}] } }),
    422,
    'ENDPOINT_INPUT_INVALID',
  );
  ok(await ops.GET('/api/endpoints/{name}/history', { params: { path: { name: 'housing' } } }), 'history');
  seen.push(`endpoints ${ok(await ops.GET('/api/endpoints'), 'endpoints').items.length}`);

  // Schedules, secrets, the audit log and the catalogues.
  const schedule = ok(await ops.POST('/api/schedules', { body: { name: 'nightly', graphId: copy.id, cron: '0 2 * * *' } }), 'schedule');
  const at = { params: { path: { id: schedule.id } } };
  ok(await ops.POST('/api/schedules/{id}/pause', at), 'pause');
  ok(await ops.POST('/api/schedules/{id}/resume', at), 'resume');
  ok(await ops.PATCH('/api/schedules/{id}', { ...at, body: { timezone: 'Europe/Amsterdam' } }), 'patch');
  seen.push(`fires ${ok(await ops.GET('/api/schedules/{id}', at), 'schedule').nextFireTimes.length} times`);
  ok(await ops.GET('/api/schedules/{id}/history', at), 'history');
  ok(await ops.GET('/api/schedules'), 'schedules');
  await ops.DELETE('/api/schedules/{id}', at);
  ok(await ops.PUT('/api/secrets/{name}', { params: { path: { name: 'api_key' } }, body: { value: 's3cret' } }), 'secret');
  seen.push(`secrets ${ok(await ops.GET('/api/secrets'), 'secrets').items.length}`);
  await ops.DELETE('/api/secrets/{name}', { params: { path: { name: 'api_key' } } });
  seen.push(`audit ${ok(await ops.GET('/api/audit', { params: { query: { limit: 5 } } }), 'audit').total > 0}`);
  seen.push(`node types ${ok(await ada.GET('/api/nodes'), 'nodes').items.length > 0}`);
  seen.push(`plugins ${ok(await ada.GET('/api/plugins'), 'plugins').items.length}`);
  seen.push(`tokens ${ok(await admin.GET('/api/tokens'), 'tokens').items.length}`);

  await ada.DELETE('/api/graphs/{id}', { params: { path: { id: copy.id } } });
  const out = await ada.POST('/api/auth/sign-out');
  if (out.response.status !== 204) throw new Error(`sign-out answered ${out.response.status}`);
  return seen;
}
