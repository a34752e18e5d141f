/**
 * Every error and validation issue Causeway reports carries one of these stable codes.
 * `kind` decides how a host shows it: `user` → the user's input is wrong (HTTP 4xx),
 * `node` → a node failed while running, `internal` → a bug (HTTP 500, logged).
 *
 * @example
 * errorCatalog.GRAPH_CYCLE.kind // 'user'
 */
export const errorCatalog = {
  // graph text and format
  GRAPH_TOO_LARGE: { kind: 'user', summary: 'The graph is larger than the allowed limit.' },
  GRAPH_TOO_DEEP: { kind: 'user', summary: 'The graph JSON is nested too deeply.' },
  GRAPH_STRING_TOO_LONG: { kind: 'user', summary: 'A string in the graph is longer than allowed.' },
  GRAPH_FORBIDDEN_KEY: { kind: 'user', summary: 'The graph uses a forbidden key such as __proto__.' },
  GRAPH_JSON_SYNTAX: { kind: 'user', summary: 'The graph is not valid JSON.' },
  GRAPH_FORMAT_UNKNOWN: { kind: 'user', summary: 'The graph format version is not known.' },
  GRAPH_SCHEMA: { kind: 'user', summary: 'The graph does not match the causeway.graph format.' },
  GRAPH_DUPLICATE_ID: { kind: 'user', summary: 'Two nodes share an id.' },
  GRAPH_CYCLE: { kind: 'user', summary: 'The graph contains a cycle.' },
  // nodes and config
  NODE_TYPE_UNKNOWN: { kind: 'user', summary: 'No node type with this name is registered.' },
  NODE_VERSION_UNKNOWN: { kind: 'user', summary: 'The node type has no such version.' },
  NODE_TYPE_DUPLICATE: { kind: 'internal', summary: 'A node type and version was registered twice.' },
  NODE_DEFINITION_INVALID: { kind: 'internal', summary: 'A node definition is malformed.' },
  CONFIG_INVALID: { kind: 'user', summary: 'A node configuration field is invalid.' },
  SCHEMA_INVALID: { kind: 'user', summary: 'The data reaching a node does not fit its configuration.' },
  // edges and ports
  EDGE_ENDPOINT_INVALID: { kind: 'user', summary: 'An edge endpoint is not written as "node.port".' },
  EDGE_NODE_UNKNOWN: { kind: 'user', summary: 'An edge refers to a node that does not exist.' },
  EDGE_DUPLICATE: { kind: 'user', summary: 'The same edge appears twice.' },
  PORT_UNKNOWN: { kind: 'user', summary: 'An edge refers to a port the node does not have.' },
  PORT_KIND_MISMATCH: { kind: 'user', summary: 'An edge connects ports of incompatible kinds.' },
  PORT_MULTIPLE_EDGES: { kind: 'user', summary: 'A single-input port has more than one incoming edge.' },
  PORT_INPUT_MISSING: { kind: 'user', summary: 'A required input port is not connected.' },
  PORT_VALUE_INVALID: { kind: 'node', summary: 'A node produced a value that does not match its port.' },
  // running
  RUN_CANCELLED: { kind: 'user', summary: 'The run was cancelled.' },
  NODE_TIMEOUT: { kind: 'node', summary: 'A node ran longer than its time limit.' },
  NODE_FAILED: { kind: 'node', summary: 'A node failed while running.' },
  UPSTREAM_FAILED: { kind: 'node', summary: 'A node did not run because a node it depends on failed.' },
  SECRET_UNKNOWN: { kind: 'user', summary: 'A referenced secret does not exist.' },
  SECRET_FORBIDDEN: {
    kind: 'user',
    summary: 'The secret is not granted to the user, role or run that uses it; its owner or an admin grants it.',
  },
  FILE_UNKNOWN: { kind: 'user', summary: 'A referenced file does not exist.' },
  INPUT_INVALID: { kind: 'user', summary: 'Input data is malformed.' },
  INPUT_LIMIT: { kind: 'user', summary: 'Input data passes a limit set for runs (line length, columns, nesting, rows, text size).' },
  EXPRESSION_INVALID: { kind: 'user', summary: 'An expression cannot be parsed or type-checked.' },
  INTERNAL: { kind: 'internal', summary: 'An unexpected internal error.' },
  RUN_TARGET_UNKNOWN: { kind: 'user', summary: 'A run target names a node that is not in the graph.' },
  // server
  REQUEST_INVALID: { kind: 'user', summary: 'The request is malformed or does not match the API.' },
  UNAUTHORIZED: { kind: 'user', summary: 'The request carries no valid API token.' },
  SIGN_IN_FAILED: { kind: 'user', summary: 'The user name or password is wrong, or the user is disabled.' },
  SIGN_IN_THROTTLED: { kind: 'user', summary: 'Too many failed sign-ins for this user or from this address; wait before trying again.' },
  RATE_LIMITED: { kind: 'user', summary: 'Too many requests from this token or address; retry after `Retry-After` seconds.' },
  FORBIDDEN: { kind: 'user', summary: "The token's role does not allow this action." },
  NOT_FOUND: { kind: 'user', summary: 'The requested resource does not exist.' },
  CONFLICT: { kind: 'user', summary: 'The resource already exists or was changed meanwhile.' },
  GRAPH_VERSION_CONFLICT: {
    kind: 'user',
    summary: 'The graph was saved by someone else since the version this save was based on; compare, then merge or overwrite.',
  },
  NOT_OWNER: { kind: 'user', summary: 'Only the owner of this graph, run or file (or an admin) may change it.' },
  PAYLOAD_TOO_LARGE: { kind: 'user', summary: 'The request body is larger than the allowed limit.' },
  SETTING_INVALID: { kind: 'user', summary: 'A server setting (environment variable or flag) is invalid.' },
  DATABASE_UNAVAILABLE: { kind: 'internal', summary: 'The database cannot be reached; retry shortly.' },
  // runs on the server
  RUN_TIMEOUT: { kind: 'node', summary: 'The run took longer than its time limit.' },
  WORKER_LOST: { kind: 'node', summary: 'The worker running this run stopped; it was retried or given up.' },
  RUN_EVENTS_REFUSED: { kind: 'node', summary: 'The database refused what the run reported, so the run was stopped.' },
  // models
  MODEL_RUNTIME_MISSING: { kind: 'user', summary: 'This host has no model runtime, so models cannot be scored here.' },
  MODEL_INVALID: { kind: 'user', summary: 'The model file is not a readable ONNX model.' },
  MODEL_TOO_LARGE: { kind: 'user', summary: 'The model file is larger than the allowed limit.' },
  MODEL_EXTERNAL_DATA: { kind: 'user', summary: 'The model refers to external data files, which are not allowed.' },
  MODEL_INPUT_MISMATCH: { kind: 'user', summary: 'The table does not have the columns or types the model reads.' },
  MODEL_REGISTRY_MISSING: { kind: 'user', summary: 'This host has no model registry, so models cannot be registered or loaded here.' },
  MODEL_VERSION_UNKNOWN: { kind: 'user', summary: 'The model registry has no model, version or stage by that name.' },
  GATE_REFUSED: {
    kind: 'user',
    summary:
      'The version cannot serve (registry production, endpoint promote or canary): its gate did not pass (ops may override with a reason). HTTP 409 everywhere.',
  },
  EXPORTS_MISSING: { kind: 'user', summary: 'This host keeps no exported files, so nodes that write files cannot run here.' },
  DEPLOY_BLOCKED: { kind: 'user', summary: 'The model was not registered because its gate verdict did not pass.' },
  SCORING_PATH_UNSUPPORTED: {
    kind: 'user',
    summary:
      'The model was not registered: a node between the raw inputs and the training node (a join, an aggregate…) cannot score one row at a time; the message names it.',
  },
  // endpoints and monitoring
  ENDPOINT_INPUT_INVALID: {
    kind: 'user',
    summary: 'Rows sent to a model endpoint do not match its model card; details name each field and row.',
  },
  ENDPOINT_NOT_READY: { kind: 'user', summary: 'The endpoint has no active version yet: promote one first.' },
  ENDPOINT_INPUT_MISMATCH: {
    kind: 'user',
    summary:
      'The version needs a field, or a field type, that the active version does not take; details name each field (ops may override with a reason).',
  },
  MONITORING_MISSING: { kind: 'user', summary: 'This host cannot read endpoint request samples; run the graph on the server.' },
  // validation
  MODEL_GATE_BLOCKED: { kind: 'user', summary: 'A model gate blocked the model: its metrics did not meet the gate.' },
  VALIDATION_FAILED: { kind: 'user', summary: 'A validation node found checks that failed and was set to stop the run.' },
  // charts
  CHART_INVALID: { kind: 'user', summary: 'A chart output is not a Vega-Lite or Vega specification that can be drawn as SVG or PNG.' },
  // graph tests
  TESTS_SCHEMA: {
    kind: 'user',
    summary: 'A tests file (<graph>.tests.json) is not valid JSON or does not match the causeway.tests format.',
  },
  TESTS_CASE_INVALID: {
    kind: 'user',
    summary: 'A test case names a node, port or file the graph does not have, or its fixtures or config overrides are invalid.',
  },
  TESTS_GOLDEN_UNREADABLE: { kind: 'user', summary: 'A golden or fixture file of a test case cannot be read as CSV or Arrow.' },
  TEST_FAILED: { kind: 'user', summary: 'A test case ran and one of its checks did not hold.' },
  MODEL_TESTS_REQUIRED: {
    kind: 'user',
    summary:
      "The model's policy requires its graph version's tests to pass before a version is registered or promoted; the message names the failing cases.",
  },
  SCHEDULE_TESTS_REQUIRED: {
    kind: 'user',
    summary:
      "The schedule's policy requires a graph version's tests to pass before the schedule first runs it; the message names the failing cases.",
  },
  // network and database sources
  HTTP_CLIENT_MISSING: { kind: 'user', summary: 'This host cannot fetch URLs, so HTTP sources cannot run here.' },
  HTTP_BLOCKED: {
    kind: 'user',
    summary: 'The URL points at an address the server may not reach (loopback, private, link-local or metadata).',
  },
  HTTP_FAILED: { kind: 'user', summary: 'The URL could not be fetched: a network error, a bad status, too large or too slow.' },
  SQL_CLIENT_MISSING: { kind: 'user', summary: 'This host cannot run database queries, so SQL sources cannot run here.' },
  SQL_FAILED: { kind: 'user', summary: 'The database query failed.' },
  TABLE_BUDGET_EXCEEDED: {
    kind: 'user',
    summary: 'A query pushed to the database would bring back more than CAUSEWAY_TABLE_BUDGET_BYTES by its estimate; nothing was read.',
  },
  // plugins
  PLUGIN_MISSING: { kind: 'user', summary: 'The node comes from a plugin that is not installed or not enabled on this host.' },
  PLUGIN_MANIFEST_INVALID: { kind: 'user', summary: 'The plugin manifest (causeway-plugin.json) is malformed or breaks a rule.' },
  PLUGIN_BUNDLE_INVALID: {
    kind: 'user',
    summary: 'The plugin bundle does not match its manifest, or imports modules other than @causeway/sdk and apache-arrow.',
  },
  PLUGIN_REGISTRY_FAILED: {
    kind: 'user',
    summary: "The server's plugin registry could not be reached or gave an answer that is not a search result (HTTP 502).",
  },
  PLUGIN_API_UNSUPPORTED: { kind: 'user', summary: 'The plugin was built for an SDK API version this host does not speak.' },
  PLUGIN_CAPABILITY_DENIED: {
    kind: 'user',
    summary:
      'The plugin asks for network hosts or secrets that the install did not grant, or it runs where capabilities cannot be granted (the browser).',
  },
  PLUGIN_GRANT_INVALID: {
    kind: 'user',
    summary: 'An install or grant gives a plugin network hosts or secrets it did not ask for.',
  },
  PLUGIN_HOST_DENIED: {
    kind: 'node',
    summary: "A plugin node called a host (or was redirected to one) that is not among its plugin's granted network hosts.",
  },
  PLUGIN_SECRET_DENIED: {
    kind: 'node',
    summary: "A plugin node named a secret that is not among its plugin's granted secrets, or asked for a secret's value.",
  },
  PLUGIN_TIMEOUT: { kind: 'node', summary: 'A plugin node ran longer than the time its sandbox allows.' },
  PLUGIN_LIMIT: { kind: 'node', summary: 'A plugin node went over a sandbox limit (memory, output size).' },
  PLUGIN_CRASHED: { kind: 'node', summary: 'The process running plugin code stopped unexpectedly.' },
} as const satisfies Record<string, { kind: 'user' | 'node' | 'internal'; summary: string }>;

/**
 * A stable error code from {@link errorCatalog}.
 *
 * @example
 * const code: ErrorCode = 'CONFIG_INVALID';
 */
export type ErrorCode = keyof typeof errorCatalog;

/**
 * Where a code's explanation lives in the documentation.
 *
 * @example
 * helpUrl('GRAPH_CYCLE') // 'docs/errors.md#graph_cycle'
 */
export function helpUrl(code: ErrorCode): string {
  return `docs/errors.md#${code.toLowerCase()}`;
}
