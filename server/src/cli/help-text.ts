/** What `causeway --help` prints. */
export const helpText = `causeway — run and check Causeway graphs from the command line

Usage:
  causeway serve [--host H] [--port N] [--data-dir DIR] [--database-url URL]
      Start the server and the editor (embedded PGlite in DIR unless a PostgreSQL URL is given;
      settings also come from HOST, PORT, CAUSEWAY_DATA_DIR and DATABASE_URL). Prints a local URL
      with an admin token.
  causeway run <graph.json> [--out DIR] [--png] [--concurrency N] [--plugin PATH]...
      Run a graph. Progress goes to stderr. With --out, every output is written to DIR:
      tables as <node>.<port>.csv and .arrow, models as .onnx and .card.json,
      metrics, reports, charts and values as .json; charts also as .svg (and .png with --png).
      Files that sink.file nodes write go under DIR at their relative path (a path leading
      out of DIR is refused).
      Files named in configs are read relative to the graph's folder.
      Secrets come from environment variables CAUSEWAY_SECRET_<NAME>.
      Plugin nodes run in the server's sandbox, from the plugins given with --plugin (a built
      plugin's folder or its dist/, its causeway-plugin.json or plugin.mjs, or its npm tarball)
      and those in CAUSEWAY_PLUGINS_DIR; "requires" picks the newest loaded version in range.
  causeway validate <graph.json> [--plugin PATH]...
      Check a graph without running it; prints one line per issue. Plugins in the graph's
      "requires" are checked as the server checks them, against the plugins given with --plugin
      or in CAUSEWAY_PLUGINS_DIR; missing ones are PLUGIN_MISSING.
  causeway test [graphs or folders...] [--update] [--reporter pretty|json|junit] [--jobs N] [--plugin PATH]...
      Run the test cases in <graph>.tests.json beside each graph (every *.tests.json under a
      folder; default: the current folder), at most N cases at once. --update rewrites the golden
      files from the outputs. With GITHUB_ACTIONS=true, failures are also printed as annotations.
      Exit 0 all passed, 1 a case failed, 2 a tests file or case is invalid.
  causeway lint [graphs or folders...] [--config FILE] [--rule CODE=off|warn|error]... [--json]
      Check graphs for likely mistakes (see docs/testing-graphs.md for the rules). Exit 1 when a
      rule set to error is broken, 2 on a bad command line or unreadable graph.
  causeway nodes [--json] [--plugin PATH]...
      List the node types, the loaded plugins' included: version, category, ports and config
      schema. --json prints what GET /api/nodes answers.
  causeway plugin dev <dir> [--server URL] [--token TOKEN] [--once] [--no-typecheck]
      Type-check (printing the first errors; --no-typecheck skips it) and build the plugin in DIR (its npm build script, else esbuild from src/index.ts), install it
      into a running server as <version>-dev, and reinstall on every save until Ctrl-C.
      Server and token also come from CAUSEWAY_URL and CAUSEWAY_TOKEN.
  causeway --help
      Show this text.

Exit codes: 0 ok, 1 invalid graph, failed run or failed test, 2 bad command line or invalid tests file,
70 internal error, 130 cancelled.
`;
