/**
 * Imports flow one way: sdk ← contract, nodes, plugins ← server, web. server and web never import each other;
 * the HTTP shapes they share are declared once in contract.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'sdk-is-the-base',
      comment: 'sdk imports no other Causeway package, no UI or server framework and no Node-only module',
      severity: 'error',
      from: { path: '^sdk/src', pathNot: '\\.test\\.ts$|^sdk/src/testkit/node' },
      to: {
        path: '^(contract|nodes|server|web|plugins)/|node_modules/(react|react-dom|@xyflow|hono|@hono|kysely|pg)/',
        dependencyTypes: ['local', 'npm', 'aliased-workspace', 'aliased', 'core'],
      },
    },
    {
      name: 'sdk-no-node-builtins',
      severity: 'error',
      from: { path: '^sdk/src', pathNot: '\\.test\\.ts$|^sdk/scripts' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-only-on-sdk',
      comment: 'the HTTP contract is zod schemas over the SDK: no server, editor or node code, no framework, nothing Node-only',
      severity: 'error',
      from: { path: '^contract/src' },
      to: {
        path: '^(nodes|server|web|plugins)/|node_modules/(react|react-dom|@xyflow|hono|@hono|kysely|pg)/',
        dependencyTypes: ['local', 'npm', 'aliased-workspace', 'aliased', 'core'],
      },
    },
    {
      name: 'contract-no-node-builtins',
      severity: 'error',
      from: { path: '^contract/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'nodes-only-on-sdk',
      severity: 'error',
      from: { path: '^nodes/src' },
      to: { path: '^(contract|server|web|plugins)/|node_modules/(react|react-dom|@xyflow|hono|@hono)/' },
    },
    {
      name: 'plugins-only-on-sdk',
      severity: 'error',
      from: { path: '^plugins/' },
      to: { path: '^(nodes|server|web)/' },
    },
    {
      name: 'web-page-without-node-code',
      comment: 'node code (the built-ins, plugin bundles) runs only in the runner worker: page modules know node types as descriptors',
      severity: 'error',
      from: {
        path: '^web/src',
        pathNot:
          '^web/src/runner/worker|^web/src/runner/plugins/|^web/src/runner/worker-script-url\\.ts$|^web/src/stories/|\\.test(-helper)?\\.tsx?$',
      },
      to: {
        path: '^nodes/|node_modules/@causeway/nodes|^plugins/|^web/src/runner/(worker|plugins/)',
        // The run announcements' message check is plain data the page's watchdog reads; the worker script's URL is a string.
        pathNot: '^web/src/runner/plugins/announce-runs\\.ts$|^web/src/runner/worker-script-url\\.ts$',
      },
    },
    {
      name: 'editor-commands-without-react',
      comment: 'the editor commands are plain TypeScript, tested without React (biome.json refuses react imports there)',
      severity: 'error',
      from: { path: '^web/src/app/editor-commands\\.ts$' },
      to: { path: '\\.tsx$', dependencyTypesNot: ['type-only'] },
    },
    { name: 'server-not-web', severity: 'error', from: { path: '^server/' }, to: { path: '^web/' } },
    { name: 'web-not-server', severity: 'error', from: { path: '^web/' }, to: { path: '^server/' } },
    {
      name: 'no-test-imports-in-source',
      severity: 'error',
      from: { path: '^(sdk|contract|nodes|server|web)/src', pathNot: '\\.test\\.tsx?$' },
      to: { path: '\\.test\\.tsx?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules|dist|\\.data' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
