// Builds dist/plugin.mjs (one ESM bundle; @causeway/sdk and apache-arrow stay imports the host supplies)
// and dist/causeway-plugin.json, the manifest a Causeway server installs the plugin from. The name and
// version come from package.json. Run it from the plugin's folder (`npm run build`).
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
if (foreign.length > 0) throw new Error(`${bundle} imports ${foreign.join(', ')}; only ${hostModules.join(' and ')} may stay external.`);

const bytes = await readFile(bundle);
const packageJson = JSON.parse(await readFile('package.json', 'utf8'));
const { default: plugin } = await import(pathToFileURL(bundle).href);
if (!plugin) throw new Error('src/index.ts has no default export; export default definePlugin({ ... }).');
const sha256 = createHash('sha256').update(bytes).digest('hex');
const manifest = describePlugin(plugin, { file: 'plugin.mjs', sha256, packageJson });
await writeFile('dist/causeway-plugin.json', `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`built ${manifest.name}@${manifest.version}: ${manifest.nodes.map((n) => n.type).join(', ')}\n`);
