/** What `causeway --help` prints. */
export const helpText = `causeway — run and check Causeway graphs from the command line

Usage:
  causeway serve [--host H] [--port N] [--data-dir DIR] [--database-url URL]
      Start the server and the editor (embedded PGlite in DIR unless a PostgreSQL URL is given;
      settings also come from HOST, PORT, CAUSEWAY_DATA_DIR and DATABASE_URL). Prints a local URL
      with an admin token.
  causeway run <graph.json> [--out DIR] [--concurrency N] [--plugin PATH]...
      Run a graph. Progress goes to stderr. With --out, every output is written to DIR:
      tables as <node>.<port>.csv and .arrow, models as .onnx and .card.json,
      metrics, reports, charts and values as .json.
      Files named in configs are read relative to the graph's folder.
      Secrets come from environment variables CAUSEWAY_SECRET_<NAME>.
      Plugin nodes run in the server's sandbox, from the plugins given with --plugin (a built
      plugin's folder or its dist/, its causeway-plugin.json or plugin.mjs, or its npm tarball)
      and those in CAUSEWAY_PLUGINS_DIR; "requires" picks the newest loaded version in range.
  causeway validate <graph.json> [--plugin PATH]...
      Check a graph without running it; prints one line per issue. Plugins in the graph's
      "requires" are checked as the server checks them, against the plugins given with --plugin
      or in CAUSEWAY_PLUGINS_DIR; missing ones are PLUGIN_MISSING.
  causeway nodes [--json] [--plugin PATH]...
      List the node types, the loaded plugins' included: version, category, ports and config
      schema. --json prints what GET /api/nodes answers.
  causeway plugin dev <dir> [--server URL] [--token TOKEN] [--once] [--no-typecheck]
      Type-check (printing the first errors; --no-typecheck skips it) and build the plugin in DIR (its npm build script, else esbuild from src/index.ts), install it
      into a running server as <version>-dev, and reinstall on every save until Ctrl-C.
      Server and token also come from CAUSEWAY_URL and CAUSEWAY_TOKEN.
  causeway --help
      Show this text.

Exit codes: 0 ok, 1 invalid graph or failed run, 2 bad command line, 70 internal error, 130 cancelled.
`;
