// Builds the editor before `npm start` when web/dist is missing or older than the sources it comes from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sources = ['web/src', 'web/index.html', 'web/public', 'web/scripts', 'web/vite.config.ts', 'sdk/src', 'contract/src', 'nodes/src']
  .map((p) => join(root, p))
  .filter(existsSync);
const newestSource = Math.max(...sources.map((p) => (statSync(p).isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)));
if (!existsSync(built) || statSync(built).mtimeMs < newestSource) {
  console.error('Building the editor (web/dist)…');
  execFileSync('npm', ['run', 'build', '--workspace', 'web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
