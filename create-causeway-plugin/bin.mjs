#!/usr/bin/env node
import { relative, resolve } from 'node:path';
import { defaultDirectory } from './src/plugin-name.mjs';
import { ScaffoldError, scaffoldPlugin } from './src/scaffold.mjs';

const usage = 'Usage: npm create causeway-plugin <package-name> [directory]\n  e.g. npm create causeway-plugin @acme/causeway-text\n';
const [name, directory, ...extra] = process.argv.slice(2);

if (!name || name === '--help' || name === '-h' || extra.length > 0) {
  process.stderr.write(usage);
  process.exit(name === '--help' || name === '-h' ? 0 : 64);
}

const target = resolve(directory ?? defaultDirectory(name));
try {
  const files = await scaffoldPlugin(name, target);
  const where = relative(process.cwd(), target) || '.';
  process.stdout.write(
    `Wrote ${name} into ${where} (${files.length} files).\n\nNext:\n  cd ${where}\n  npm install\n  npm test\n  npm run build   # dist/plugin.mjs and dist/causeway-plugin.json\n`,
  );
} catch (error) {
  if (!(error instanceof ScaffoldError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
