#!/usr/bin/env node
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDirectory } from './src/plugin-name.mjs';
import { ScaffoldError, scaffoldPlugin } from './src/scaffold.mjs';

const usage = `Usage: npm create causeway-plugin <package-name> [directory] [-- --sdk <tarball>]
  e.g. npm create causeway-plugin @acme/causeway-text
  --sdk <tarball>  depend on this @causeway/sdk tarball (npm run pack:sdk writes one) instead of the published version
`;
let parsed;
try {
  parsed = parseArgs({ options: { sdk: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (error) {
  process.stderr.write(`${error.message.split(/\.\s/)[0]}\n${usage}`);
  process.exit(64);
}
const [name, directory, ...extra] = parsed.positionals;

if (parsed.values.help || !name || extra.length > 0) {
  process.stderr.write(usage);
  process.exit(parsed.values.help ? 0 : 64);
}

const target = resolve(directory ?? defaultDirectory(name));
try {
  const sdk = parsed.values.sdk === undefined ? undefined : resolve(parsed.values.sdk);
  const files = await scaffoldPlugin(name, target, { sdk });
  const where = relative(process.cwd(), target) || '.';
  process.stdout.write(
    `Wrote ${name} into ${where} (${files.length} files).\n\nNext:\n  cd ${where}\n  npm install\n  npm test\n  npm run build   # dist/plugin.mjs and dist/causeway-plugin.json\n`,
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
