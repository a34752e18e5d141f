import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './http/app-env';

const missingPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Causeway</title></head>
<body style="font:16px system-ui,sans-serif;margin:3rem"><h1>Causeway is running</h1>
<p>The editor is not built yet. Run <code>npm run build -w web</code>, then reload this page.</p>
<p>The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** Serves the built editor from `webDir` with an SPA fallback to index.html, or a page saying to build it. */
export function serveWeb(app: Hono<AppEnv>, webDir: string): void {
  const index = join(webDir, 'index.html');
  if (!existsSync(index)) {
    app.get('*', (c) => c.html(missingPage));
    return;
  }
  // The runner's frame has an opaque origin: it loads its own script and the worker's (public files) with CORS.
  const anyOrigin: MiddlewareHandler = async (c, next) => {
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  };
  app.use('/assets/*', anyOrigin);
  app.use('/runner-frame.js', anyOrigin);
  app.use('*', serveStatic({ root: relative(process.cwd(), webDir) || '.' }));
  app.get('*', async (c) => c.html(await readFile(index, 'utf8')));
}
