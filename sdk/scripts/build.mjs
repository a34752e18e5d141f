// Builds the publishable @causeway/sdk into sdk/dist: JavaScript and declarations from tsc, relative
// imports given full paths for Node's ESM resolution (tsc-alias), and the package.json published from
// there. In the repository every consumer reads the TypeScript sources; only the published package uses dist.
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const sdkDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// An output folder may be given (tests build into their own, beside other builds running at the same time).
const dist = process.argv[2] === undefined ? join(sdkDir, 'dist') : resolve(process.argv[2]);
const tsconfig = join(sdkDir, 'tsconfig.build.json');
const require = createRequire(import.meta.url);
const run = (bin, args) => execFileSync(process.execPath, [require.resolve(bin), ...args], { stdio: 'inherit' });

await rm(dist, { recursive: true, force: true });
run('typescript/bin/tsc', ['-p', tsconfig, '--outDir', dist]);
run('tsc-alias/dist/bin/index.js', ['-p', tsconfig, '--outDir', dist, '--resolve-full-paths']);

// The published manifest: the source manifest with publishConfig's fields laid over it (paths are relative to dist).
const manifest = JSON.parse(await readFile(join(sdkDir, 'package.json'), 'utf8'));
const { publishConfig, scripts: _scripts, devDependencies: _dev, ...rest } = manifest;
const { directory: _directory, ...overrides } = publishConfig;
await writeFile(join(dist, 'package.json'), `${JSON.stringify({ ...rest, ...overrides }, null, 2)}\n`);
await copyFile(join(sdkDir, 'README.md'), join(dist, 'README.md'));
process.stdout.write(`built ${manifest.name}@${manifest.version} into ${dist}\n`);
