import { readFileSync } from 'node:fs';
import { versions } from './versions.mjs';

/**
 * The files of a new plugin package, by relative path.
 * @param {string} name npm package name; node types are namespaced by it
 * @param {{ sdk?: string | undefined }} [options] `sdk`: an @causeway/sdk tarball to develop against instead of the published version
 * @returns {Record<string, string>}
 */
export function pluginFiles(name, options = {}) {
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
        '@causeway/sdk': options.sdk === undefined ? versions.sdk : `file:${options.sdk}`,
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

// The version is package.json's: the build reads it from there.
export default definePlugin({ name: '${name}', apiVersion: 1, nodes: [upperCase] });
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

// The build every plugin uses: the example plugins in this repository run this same file.
const buildMjs = readFileSync(new URL('../template/build.mjs', import.meta.url), 'utf8');

const readme = (name) => `# ${name}

A Causeway plugin. Its node types are named \`${name}/<node>\`.

\`\`\`sh
npm install
npm test            # the node tests, with @causeway/sdk/testkit
npm run build       # dist/plugin.mjs + dist/causeway-plugin.json
npm run typecheck
\`\`\`

Install the built plugin on a Causeway server: \`npm pack\` and upload the \`.tgz\` on the server's Plugins
page (or \`POST /api/plugins\`). While developing, \`causeway plugin dev .\` type-checks, rebuilds and
reinstalls it on every change. The plugin's version is the one in package.json.

Before \`@causeway/sdk\` is published, develop against a packed copy: in a Causeway checkout,
\`npm run pack:sdk -- <folder>\` writes \`causeway-sdk-<version>.tgz\`; scaffold with
\`--sdk <that file>\` (or \`npm install -D <that file>\` here).

Rules a host enforces: node types start with \`${name}/\`; the bundle imports only \`@causeway/sdk\` and
\`apache-arrow\` (import \`z\` from \`@causeway/sdk\`, bundle anything else); no Node built-ins, since the
same bundle runs in the browser.
`;
