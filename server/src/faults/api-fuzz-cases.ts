import fc from 'fast-check';

/** One request of the fuzz: a method and path, and a body sent as JSON or as raw text. */
export interface FuzzCase {
  method: string;
  path: string;
  body?: { json: unknown } | { raw: string };
  contentType?: string;
}

/** An operation of the OpenAPI document: `/api/graphs/{id}` with its method. */
export interface Operation {
  method: string;
  path: string;
}

/** Text that has broken servers: NUL and other control bytes, lone surrogates, long runs, SQL and path tricks. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', '\uDFFF', '../../etc/passwd', "'; drop table graphs; --", '%00', '\u202E', ' '),
  fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.repeat(5_000)),
);

/** Numbers past every bound a schema sets. */
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor', 'graph', 'id', 'name')), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

/** A node close enough to a real one that validation looks inside it. */
function nodeOf(types: readonly string[]) {
  return fc.record(
    {
      id: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/), hostileText),
      type: fc.oneof(fc.constantFrom(...types), hostileText),
      version: fc.oneof(fc.constant(1), hostileNumber),
      config: fc.oneof(fc.constant({}), fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 4 })),
      position: fc.oneof(fc.tuple(fc.integer(), fc.integer()), hostileValue),
      label: hostileText,
    },
    { requiredKeys: ['id', 'type', 'version', 'config', 'position'] },
  );
}

/** Graph documents from nearly valid to hostile: known and unknown node types, dangling and cyclic edges, bad fields. */
export function graphDocument(types: readonly string[], id?: string): fc.Arbitrary<unknown> {
  const nodes = fc.array(nodeOf(types), { maxLength: 6 });
  return nodes.chain((list) => {
    const ids = list.map((n) => n.id);
    const port = fc.oneof(ids.length > 0 ? fc.constantFrom(...ids).map((n) => `${n}.table`) : fc.constant('x.table'), hostileText);
    return fc.record(
      {
        format: fc.oneof(fc.constant('causeway.graph/1'), hostileText),
        id: id === undefined ? fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), hostileText) : fc.constant(id),
        name: hostileText,
        description: hostileText,
        nodes: fc.constant(list),
        edges: fc.array(fc.record({ from: port, to: port }), { maxLength: 6 }),
        requires: fc.dictionary(hostileText, hostileText, { maxKeys: 2 }),
      },
      { requiredKeys: ['format', 'id', 'name', 'nodes', 'edges'] },
    );
  });
}

/** A body for any route: JSON values, raw text that is not JSON, NUL bytes, and deep nesting. */
const hostileBody = fc.oneof(
  hostileValue.map((json) => ({ json })),
  hostileText.map((raw) => ({ raw })),
  fc.constantFrom(
    { raw: '{"a":' },
    { raw: `${'['.repeat(5_000)}${']'.repeat(5_000)}` },
    { raw: '{"name":"\\u0000"}' },
    { raw: '{"__proto__":{"admin":true}}' },
  ),
);

/** Every byte of the UTF-8 of `text` percent-encoded (lone surrogates become U+FFFD, as a client would send them). */
const percentEncoded = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** A path parameter: a known value (so the route goes past its lookup) or a hostile one. */
const paramOf = (known: readonly string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    hostileText.filter((s) => s.length > 0),
  );

/**
 * Requests for the fuzz: graph saves (new graphs and versions of `graphId`, with and without a base
 * version) and a hostile body and parameters for any operation of the API.
 */
export function fuzzCases(
  operations: readonly Operation[],
  types: readonly string[],
  graphId: string,
  spare: readonly string[] = [],
): fc.Arbitrary<FuzzCase> {
  // `spare`: ids the fuzz must not name (a run beside it that a fuzzed cancel would end).
  const known = [graphId, 'admin', 'churn', ...['1', '2', '3'].filter((id) => !spare.includes(id))];
  const newGraph = fc
    .record({ graph: graphDocument(types), message: hostileText })
    .map((json): FuzzCase => ({ method: 'POST', path: '/api/graphs', body: { json } }));
  const version = fc
    .record({ graph: graphDocument(types, graphId), message: fc.string(), baseVersion: fc.option(hostileNumber, { nil: undefined }) })
    .map((json): FuzzCase => ({ method: 'POST', path: `/api/graphs/${graphId}/versions`, body: { json } }));
  const anyRoute = fc
    .record({
      operation: fc.constantFrom(...operations),
      params: fc.array(paramOf(known), { minLength: 4, maxLength: 4 }),
      body: fc.option(hostileBody, { nil: undefined }),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-16', ''),
    })
    .map(({ operation, params, body, contentType }): FuzzCase => {
      let i = 0;
      const path = operation.path.replace(/\{[^}]+\}/g, () => percentEncoded(params[i++] ?? 'x'));
      return { method: operation.method, path, ...(body === undefined ? {} : { body, contentType }) };
    });
  return fc.oneof(newGraph, version, anyRoute);
}
