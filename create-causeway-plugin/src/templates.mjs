import { versions } from './versions.mjs';

/**
 * The files of a new plugin package, by relative path.
 * @param {string} name npm package name; node types are namespaced by it
 * @returns {Record<string, string>}
 */
export function pluginFiles(name) {
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  return {
    'package.json': json({
      name,
      version: '0.1.0',
      type: 'module',
      description: 'A Causeway plugin.',
      keywords: ['causeway-plugin'],
      files: ['dist'],
      exports: { '.': './dist/plugin.mjs', './causeway-plugin.json': './dist/causeway-plugin.json' },
      scripts: { build: 'tsx build.mjs', test: 'vitest run', typecheck: 'tsc -p tsconfig.json' },
      peerDependencies: { '@causeway/sdk': versions.sdk, 'apache-arrow': versions.arrow },
      devDependencies: {
        '@causeway/sdk': versions.sdk,
        'apache-arrow': versions.arrow,
        esbuild: versions.esbuild,
        tsx: versions.tsx,
        typescript: versions.typescript,
        vitest: versions.vitest,
      },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        strict: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        isolatedModules: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['src'],
    }),
    '.gitignore': 'node_modules/\ndist/\n',
    'src/index.ts': indexTs(name),
    'src/index.test.ts': indexTestTs(name),
    'build.mjs': buildMjs,
    'README.md': readme(name),
  };
}

const indexTs = (
  name,
) => `import { categoryText, columnOf, defineNode, definePlugin, port, readColumn, utf8Vector, withColumns, z } from '@causeway/sdk';

/** Upper-cases a text column, one column at a time: no row objects. */
export const upperCase = defineNode({
  type: '${name}/upper-case',
  version: 1,
  category: 'plugin',
  title: 'Upper case',
  description: 'Writes a text column in capital letters.',
  inputs: { table: port.table() },
  outputs: { table: port.table() },
  // \`ui: 'column'\`: the editor offers the input's columns to pick from.
  config: z.object({ column: z.string().min(1).describe('The text column to change').meta({ ui: 'column' }) }),
  infer: ({ inputs, config, issue }) => {
    const schema = inputs.table;
    if (!schema) return {};
    const column = schema.columns.find((c) => c.name === config.column);
    if (!column) {
      issue(\`The table has no column "\${config.column}".\`, ['column']);
      return {};
    }
    return { table: { columns: schema.columns.map((c) => (c === column ? { ...c, type: 'string' as const } : c)) } };
  },
  run: ({ inputs, config }) => {
    const column = readColumn(columnOf(inputs.table, config.column));
    const text = categoryText(column);
    const upper = new Array<string | null>(column.length);
    for (let i = 0; i < column.length; i++) upper[i] = column.valid && !column.valid[i] ? null : text(i).toUpperCase();
    return { table: withColumns(inputs.table, { [config.column]: utf8Vector(upper) }) };
  },
});

export default definePlugin({ name: '${name}', version: '0.1.0', apiVersion: 1, nodes: [upperCase] });
`;

const indexTestTs = (name) => `import { inferNode, rowsOf, runNode, tableOf } from '@causeway/sdk/testkit';
import { describe, expect, it } from 'vitest';
import plugin, { upperCase } from './index';

describe('${name}/upper-case', () => {
  it('upper-cases the column and keeps nulls and other columns', async () => {
    const table = tableOf({ name: ['ada', null, 'Grace'], age: [36, 41, 85] });
    const { outputs } = await runNode(upperCase, { inputs: { table }, config: { column: 'name' } });
    expect(rowsOf(outputs.table)).toEqual([
      { name: 'ADA', age: 36 },
      { name: null, age: 41 },
      { name: 'GRACE', age: 85 },
    ]);
  });

  it('names a missing column at design time and when running', async () => {
    const { issues } = inferNode(upperCase, {
      inputs: { table: { columns: [{ name: 'age', type: 'integer', nullable: false }] } },
      config: { column: 'name' },
    });
    expect(issues.map((i) => i.message)).toEqual(['The table has no column "name".']);
    const table = tableOf({ age: [1] });
    await expect(runNode(upperCase, { inputs: { table }, config: { column: 'name' } })).rejects.toThrow('no column "name"');
  });

  it('refuses an empty column name', async () => {
    const table = tableOf({ name: ['a'] });
    await expect(runNode(upperCase, { inputs: { table }, config: { column: '' } })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('namespaces its node types by the package name', () => {
    for (const node of plugin.nodes) expect(node.type.startsWith(\`\${plugin.name}/\`)).toBe(true);
  });
});
`;

const buildMjs = `// Builds dist/plugin.mjs (one ESM bundle; @causeway/sdk and apache-arrow stay imports the host supplies)
// and dist/causeway-plugin.json, the manifest a Causeway server installs the plugin from.
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { describePlugin } from '@causeway/sdk';
import { build } from 'esbuild';

const hostModules = ['@causeway/sdk', 'apache-arrow'];
const bundle = 'dist/plugin.mjs';

await rm('dist', { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: ['src/index.ts'],
  outfile: bundle,
  bundle: true,
  format: 'esm',
  // The same bundle runs in the server's sandbox and in the editor's Web Worker: no Node built-ins.
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2022',
  external: hostModules,
  metafile: true,
  logLevel: 'warning',
});
const imports = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path));
const foreign = [...new Set(imports)].filter((path) => !hostModules.includes(path));
if (foreign.length > 0) throw new Error(\`\${bundle} imports \${foreign.join(', ')}; only \${hostModules.join(' and ')} may stay external.\`);

const bytes = await readFile(bundle);
const { default: plugin } = await import(pathToFileURL(bundle).href);
if (!plugin) throw new Error('src/index.ts has no default export; export default definePlugin({ ... }).');
const manifest = describePlugin(plugin, { file: 'plugin.mjs', sha256: createHash('sha256').update(bytes).digest('hex') });
await writeFile('dist/causeway-plugin.json', \`\${JSON.stringify(manifest, null, 2)}\\n\`);
process.stdout.write(\`built \${manifest.name}@\${manifest.version}: \${manifest.nodes.map((n) => n.type).join(', ')}\\n\`);
`;

const readme = (name) => `# ${name}

A Causeway plugin. Its node types are named \`${name}/<node>\`.

\`\`\`sh
npm install
npm test            # the node tests, with @causeway/sdk/testkit
npm run build       # dist/plugin.mjs + dist/causeway-plugin.json
npm run typecheck
\`\`\`

Install the built plugin on a Causeway server: \`npm pack\` and upload the \`.tgz\` under Settings → Plugins
(or \`POST /api/plugins\`). While developing, \`causeway plugin dev .\` rebuilds and reloads it on every change.

Rules a host enforces: node types start with \`${name}/\`; the bundle imports only \`@causeway/sdk\` and
\`apache-arrow\` (import \`z\` from \`@causeway/sdk\`, bundle anything else); no Node built-ins, since the
same bundle runs in the browser.
`;
