// Builds the publishable @causeway/nodes into nodes/dist as the SDK's build does: JavaScript and
// declarations from tsc (the SDK stays an import of the `@causeway/sdk` package: preserveSymlinks keeps
// the workspace's copy outside the program), relative imports given full paths for Node's ESM
// resolution (tsc-alias), and the package.json published from there.
import { execFileSync } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const nodesDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(nodesDir, 'dist');
const tsconfig = join(nodesDir, 'tsconfig.build.json');
const require = createRequire(import.meta.url);
const run = (bin, args) => execFileSync(process.execPath, [require.resolve(bin), ...args], { stdio: 'inherit' });

await rm(dist, { recursive: true, force: true });
run('typescript/bin/tsc', ['-p', tsconfig]);
run('tsc-alias/dist/bin/index.js', ['-p', tsconfig, '--resolve-full-paths']);

// The published manifest: the source manifest with publishConfig's fields laid over it (paths are relative to dist).
const manifest = JSON.parse(await readFile(join(nodesDir, 'package.json'), 'utf8'));
const { publishConfig, scripts: _scripts, devDependencies: _dev, ...rest } = manifest;
const { directory: _directory, ...overrides } = publishConfig;
await writeFile(join(dist, 'package.json'), `${JSON.stringify({ ...rest, ...overrides }, null, 2)}\n`);
await copyFile(join(nodesDir, 'README.md'), join(dist, 'README.md'));
process.stdout.write(`built ${manifest.name}@${manifest.version} into ${dist}\n`);
