// `npm run pack:sdk [-- <folder>]`: writes @causeway/sdk as the npm tarball a plugin outside this
// repository installs (`npm install <tarball>`, or `npm create causeway-plugin <name> -- --sdk <tarball>`)
// before the SDK is published. The folder defaults to the one npm was run from.
import { resolve } from 'node:path';
import { buildAndPack, repoRoot } from './pack-workspace';

const from = process.env.INIT_CWD ?? process.cwd();
const destination = resolve(from, process.argv[2] ?? '.');
const { file } = await buildAndPack(resolve(repoRoot, 'sdk'), destination);
process.stdout.write(`${file}\n`);
